using System;
using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Rotates a client secret in one step: adds a new secret, proves it with a token, emits it (SecureString and
    /// PSCredential), then removes the secret it replaces unless -KeepOld. The replaced secret is the one of -Hint, else
    /// the one of -Credential, else the client's only secret; with several and neither, nothing is changed. A failed
    /// proof removes the new secret again and keeps the old.
    /// </summary>
    [Cmdlet(VerbsData.Update, "QlikOAuthClientSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(QlikOAuthClientSecret))]
    public sealed class UpdateQlikOAuthClientSecretCommand : RotationCmdlet
    {
        /// <summary>The client; default: the user name of -Credential.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [AllowNull]
        [AllowEmptyString]
        public string? ClientId { get; set; }

        /// <summary>The credential in use now (user name = client id, password = secret): its secret is the one replaced.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The hints of the secrets the new one replaces.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SecretHintCompleter))]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? Hint { get; set; }

        /// <summary>Keep the old secrets: only add and prove the new one.</summary>
        [Parameter]
        public SwitchParameter KeepOld { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            string? clientId = string.IsNullOrWhiteSpace(ClientId) ? Credential?.UserName : ClientId;
            if (string.IsNullOrWhiteSpace(clientId))
            {
                WriteError(ErrorRecords.Create("MissingClient", ErrorCategory.InvalidArgument, "Name the client whose secret to rotate: -ClientId, or -Credential (user name = client id)."));
                return;
            }

            if (Credential != null && !string.Equals(clientId, Credential.UserName, StringComparison.Ordinal))
            {
                WriteError(ErrorRecords.Create("ClientIdMismatch", ErrorCategory.InvalidArgument, $"-ClientId '{clientId}' is not the user name of -Credential ('{Credential.UserName}'): the credential's user name is the client id.", clientId));
                return;
            }

            string replaced = KeepOld ? "keep the old ones" : Hint?.Length > 0 ? $"remove {string.Join(", ", Hint)}" : "remove the one it replaces";
            if (ConfirmRotation(clientId!, $"Rotate the client secret: add a new one, prove it with a token, {replaced}"))
            {
                var rotation = new SecretRotation(ApiOf(session), session.Engine.Connection, clientId!, session.Engine.User.Id, Credential?.Password, Hint ?? Array.Empty<string>(), KeepOld);
                Rotate(rotation, added => new QlikOAuthClientSecret(added, session));
            }
        }
    }
}
