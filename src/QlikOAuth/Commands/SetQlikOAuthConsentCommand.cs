using System.Management.Automation;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Sets this tenant's consent method for clients, as the console's "Change consent method" does. Piped a client
    /// object, -PassThru emits that same object (consent updated), so its secret, Credential, KeyId and
    /// PrivateKeyPath flow on into the token cmdlets.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "QlikOAuthConsent", SupportsShouldProcess = true, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(QlikOAuthClient))]
    public sealed class SetQlikOAuthConsentCommand : OAuthClientCmdlet
    {
        // The default set is the object one: PowerShell tries the default set first when binding pipeline input, so a
        // piped client binds as itself (keeping its secret) rather than by its ClientId property.
        internal const string ByIdSet = "ById";
        internal const string ByInputObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        /// <summary>A client from New- or Get-QlikOAuthClient.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObjectSet, ValueFromPipeline = true)]
        public QlikOAuthClient InputObject { get; set; } = null!;

        /// <summary>Trusted (default: no consent prompt, as M2M clients need) or Required.</summary>
        [Parameter(Position = 1)]
        [ValidateSet("Trusted", "Required")]
        public string Method { get; set; } = "Trusted";

        /// <summary>Emit the client afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // A piped client binds -Session by property name too, so the client's own tenant is used.
            QlikSession session = ResolveSession();
            if (ParameterSetName == ByInputObjectSet)
            {
                if (SetConsent(session, InputObject.ClientId) is string consent)
                {
                    InputObject.ConsentMethod = consent;
                    if (PassThru)
                    {
                        WriteObject(InputObject);
                    }
                }

                return;
            }

            foreach (string clientId in ClientId)
            {
                if (SetConsent(session, clientId) != null && PassThru)
                {
                    TryEngine(() => WriteObject(ReadClient(session, clientId)), clientId);
                }
            }
        }

        /// <returns>The consent method now in force, or null when skipped or failed.</returns>
        private string? SetConsent(QlikSession session, string clientId)
        {
            string? consent = null;
            if (ShouldProcess(clientId, $"Set consent method to {Method}"))
            {
                TryEngine(() => consent = RunEngine(cancellationToken => ApiOf(session).SetConsentMethodAsync(clientId, Method, cancellationToken)), clientId);
            }

            return consent;
        }
    }
}
