using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Deletes OAuth clients (sending qlik-confirm-delete, as the API requires). Tokens of the client stop working.
    /// Asks first (ConfirmImpact High) unless -Force or -Confirm:$false. Deleting the client the session signs in with
    /// warns that the session will stop working and asks even where $ConfirmPreference would not.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QlikOAuthClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikOAuthClientCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        /// <summary>Do not ask for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            foreach (string clientId in ClientId)
            {
                if (Confirm(session, clientId)
                    && TryEngine(() => RunEngine(cancellationToken => new ClientProvisioner(ApiOf(session)).RemoveAsync(clientId, cancellationToken)), clientId))
                {
                    WriteVerbose($"Deleted OAuth client {clientId}.");
                }
            }
        }

        private bool Confirm(QlikSession session, string clientId) =>
            SignInOf(session)?.IsClient(clientId) == true
                ? ConfirmChangeEndingSession(session, clientId, "Delete OAuth client", Force, $"Client {clientId}", RemovalEndsSession, ConnectElsewhereFirst)
                : ConfirmChange(clientId, "Delete OAuth client", Force);
    }
}
