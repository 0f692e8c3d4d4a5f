using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Rotates a client's key in one step: registers the new key's public half, proves a private key JWT token signed
    /// with its private half, emits the new key (ClientId, KeyId and PrivateKeyPath bind to the token cmdlets), then
    /// removes the old key: -OldKeyId, else the client's only other key. A failed proof removes the new key again.
    /// </summary>
    [Cmdlet(VerbsData.Update, "QlikOAuthClientKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(QlikOAuthPublicKey))]
    public sealed class UpdateQlikOAuthClientKeyCommand : RotationCmdlet
    {
        private const string PathSet = "Path";
        private const string NewKeySet = "NewKey";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = null!;

        /// <summary>The new private key file (PEM or private JWK); its public half is registered.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The kid to register the new key under (with -Path); default: the kid of a JWK file, else the key's thumbprint.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? KeyId { get; set; }

        /// <summary>The new key from New-QlikOAuthKey (binds from the pipeline).</summary>
        [Parameter(Mandatory = true, ParameterSetName = NewKeySet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public QlikOAuthKey NewKey { get; set; } = null!;

        /// <summary>The password of an encrypted private key file.</summary>
        [Parameter]
        public SecureString? KeyPassword { get; set; }

        /// <summary>The kid of the key the new one replaces; default: the client's only other key.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OldKeyId { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(NewKey?.PrivateKeyPath ?? Path);
            string replaced = OldKeyId is null ? "the one it replaces" : $"'{OldKeyId}'";
            if (!ConfirmRotation(ClientId, $"Rotate the public key: add the key of {path}, prove it with a token, remove {replaced}")
                || !TryEngine(() => RunEngine(cancellationToken => Task.FromResult(ReadKey(path, cancellationToken))), path, out SigningKey key))
            {
                return;
            }

            using (key)
            {
                Rotate(new KeyRotation(ApiOf(session), session.Engine.Connection, ClientId, session.Engine.User.Id, key, OldKeyId), added => new QlikOAuthPublicKey(ClientId, added, session, path));
            }
        }

        /// <summary>
        /// The new key under its kid: -KeyId, the New-QlikOAuthKey object's, the JWK file's, else its thumbprint (as
        /// New-QlikOAuthKey names keys). Read through RunEngine, so Ctrl+C stops a long decryption of a protected file.
        /// </summary>
        private SigningKey ReadKey(string path, CancellationToken cancellationToken)
        {
            SigningKey key = PrivateKeyReader.ReadFile(path, KeyPassword, NewKey?.KeyId ?? KeyId, cancellationToken: cancellationToken);
            if (key.KeyId != null)
            {
                return key;
            }

            using (key)
            {
                return key.WithKeyId(key.Thumbprint);
            }
        }
    }
}
