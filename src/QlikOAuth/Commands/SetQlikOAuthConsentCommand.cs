using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Sets this tenant's consent method for clients, as the console's "Change consent method" does. -PassThru emits
    /// the client as the tenant has it after the change; piped a client object, its secret, Credential, KeyId and
    /// PrivateKeyPath flow on into the token cmdlets (the input object itself is not changed).
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
                if (SetConsent(session, InputObject.ClientId) && PassThru)
                {
                    // A new object with the tenant's state after the change; the input stays as it was. The one-time
                    // secret and the key travel on, so the token cmdlets further down the chain can still use them.
                    if (TryEngine(() => ReadClient(session, InputObject.ClientId), InputObject, out QlikOAuthClient changed))
                    {
                        WriteObject(changed.WithCredentialsOf(InputObject));
                    }
                    else if (InputObject.ClientSecret != null)
                    {
                        WriteObject(InputObject); // the secret was shown once: it must not be lost with the failed read
                    }
                }

                return;
            }

            foreach (string clientId in ClientId)
            {
                if (SetConsent(session, clientId) && PassThru && TryEngine(() => ReadClient(session, clientId), clientId, out QlikOAuthClient changed))
                {
                    WriteObject(changed);
                }
            }
        }

        /// <returns>Whether the client has the consent method now (false when skipped or failed).</returns>
        private bool SetConsent(QlikSession session, string clientId)
        {
            if (!ShouldProcess(clientId, $"Set consent method to {Method}")
                || !TryEngine(() => RunEngine(cancellationToken => new ClientProvisioner(ApiOf(session)).SetConsentAsync(clientId, Method, cancellationToken)), clientId, out bool changed))
            {
                return false;
            }

            if (!changed)
            {
                WriteVerbose($"Client {clientId} has consent method {Method} already; nothing was sent.");
            }

            return true;
        }
    }
}
