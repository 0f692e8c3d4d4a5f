using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Changes an entry of the tenant's Content Security Policy list. A directive switch turns it on (-ScriptSrc) or
    /// off (-ScriptSrc:$false); directives not named keep their value. The entry is read, changed and written whole (PUT).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "QlikCspOrigin", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikCspOrigin))]
    public sealed class SetQlikCspOriginCommand : CspOriginCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Origin { get; set; }

        [Parameter]
        public string? Name { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>Write the entry as it is afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            CspOriginsApi api = CspApiOf(session);
            (CspDirectives on, CspDirectives off) = ChosenDirectives();
            TryEngine(() =>
            {
                CspOrigin current = RunEngine(cancellationToken => api.GetAsync(Id, cancellationToken));
                var spec = new CspOriginSpec(Origin ?? current.Origin, (current.Directives | on) & ~off, Name ?? current.Name, Description ?? current.Description);
                if (!ShouldProcess($"{current.Origin} ({Id}) on {session.TenantUrl}", $"Set the Content Security Policy entry to {spec.Origin} ({CspDirectiveNames.Describe(spec.Directives)})"))
                {
                    return;
                }

                CspOrigin replaced = RunEngine(cancellationToken => api.ReplaceAsync(current, spec, cancellationToken));
                if (PassThru)
                {
                    WriteObject(new QlikCspOrigin(replaced, session));
                }
            }, Id);
        }
    }
}
