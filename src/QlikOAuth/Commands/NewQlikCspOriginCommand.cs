using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Adds an origin to the Content Security Policy list of one tenant or each of several (-Session $sessions) with the directives given as switches. A
    /// tenant-wide change, so it honours -WhatIf and -Confirm. The 256-entry and 6,144-character limits are checked first.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "QlikCspOrigin", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikCspOrigin))]
    public sealed class NewQlikCspOriginCommand : CspOriginCmdlet
    {
        /// <summary>A host with an optional scheme and port: https://custom-app.com, custom-app.com:8443, *.example.com.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Origin { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        protected override void ProcessRecord()
        {
            CspDirectives directives = ChosenDirectives().On;
            if (directives == CspDirectives.None)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "CspDirectiveRequired",
                    ErrorCategory.InvalidArgument,
                    $"Name at least one directive for {Origin}: -FrameAncestors -ConnectSrc for embedding Qlik in a web app.",
                    Origin));
            }

            // Several sessions: the entry is added on each tenant, each asked for on its own (-WhatIf lists them all).
            var spec = new CspOriginSpec(Origin, directives, Name, Description);
            ForEachSession(ResolveSessions(), session =>
            {
                if (ShouldProcess($"{Origin} on {session.TenantUrl}", $"Add to the Content Security Policy list ({CspDirectiveNames.Describe(directives)})")
                    && TryEngine(() => RunEngine(cancellationToken => CspApiOf(session).CreateAsync(spec, cancellationToken)), Origin, out CspOrigin created))
                {
                    WriteObject(new QlikCspOrigin(created, session));
                }
            });
        }
    }
}
