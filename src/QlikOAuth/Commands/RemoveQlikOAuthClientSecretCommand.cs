using System.Management.Automation;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Removes one of a client's secrets, named by its 5-character hint (SecretHints of Get-QlikOAuthClient, or Hint of
    /// New-QlikOAuthClientSecret's output, which binds by property name). Applications using it stop authenticating.
    /// The last way a client can authenticate is removed only with -Force. Removing the secret the session signs in
    /// with warns that the session will stop working and asks even where $ConfirmPreference would not.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QlikOAuthClientSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikOAuthClientSecretCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SecretHintCompleter))]
        public string[] Hint { get; set; } = null!;

        /// <summary>Do not ask for confirmation, and remove the secret even when it is the client's last way to authenticate.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            var credentials = new ClientCredentials(ApiOf(session));
            foreach (string hint in Hint)
            {
                if (Confirm(session, hint)
                    && TryEngine(() => RunEngine(cancellationToken => credentials.RemoveSecretAsync(ClientId, hint, Force, cancellationToken)), hint))
                {
                    WriteVerbose($"Deleted secret {hint} of OAuth client {ClientId}.");
                }
            }
        }

        private bool Confirm(QlikSession session, string hint)
        {
            string target = $"secret {hint} of {ClientId}";
            return SignInOf(session)?.UsesSecret(ClientId, hint) == true
                ? ConfirmChangeEndingSession(
                    session,
                    target,
                    "Delete client secret",
                    Force,
                    $"The secret {hint} of client {ClientId}",
                    RemovalEndsSession,
                    $"To keep the session, rotate the secret instead: Update-QlikOAuthClientSecret -ClientId {ClientId} -Hint {hint} switches the session to the new one.")
                : ConfirmChange(target, "Delete client secret", Force);
        }
    }
}
