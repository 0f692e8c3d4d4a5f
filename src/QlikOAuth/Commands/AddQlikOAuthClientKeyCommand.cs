using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Registers one more public key on a client, keeping its other keys (Qlik takes the key list as a whole; the
    /// engine reads it and writes it back with the new key). Takes the forms of New-QlikOAuthClient -PublicKey, or a
    /// certificate. A key id the client has already is refused.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "QlikOAuthClientKey", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikOAuthPublicKey))]
    public sealed class AddQlikOAuthClientKeyCommand : PublicKeyClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = null!;

        /// <summary>The key: New-QlikOAuthKey's output (binds from the pipeline), a JWK (JSON or hashtable), PEM text, a certificate, or a public key file.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? PublicKey { get; set; }

        /// <summary>The kid to register the key under; default: the kid the key carries, else its thumbprint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyId { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            if (!TryEngine(ReadKey, ClientId, out PublicJwk key)
                || !ShouldProcess($"client {ClientId}", $"Add public key '{key.Kid}' ({key.Alg})"))
            {
                return;
            }

            var credentials = new ClientCredentials(ApiOf(session));
            if (TryEngine(() => RunEngine(cancellationToken => credentials.AddKeyAsync(ClientId, key, cancellationToken)), ClientId))
            {
                string? privateKeyPath = (PublicKey is PSObject wrapped ? wrapped.BaseObject : PublicKey) is QlikOAuthKey generated ? generated.PrivateKeyPath : null;
                WriteObject(new QlikOAuthPublicKey(ClientId, key, session, privateKeyPath));
            }
        }

        /// <summary>The one key of -PublicKey or the certificate parameters.</summary>
        private PublicJwk ReadKey()
        {
            List<PublicJwk>? keys = ReadPublicKeys(PublicKey is null ? null : new object[] { PublicKey }, KeyId);
            return keys?.Count switch
            {
                1 => keys[0],
                null => throw new QlikValidationException(ClientErrors.PublicKeyRequired, "Give the key to add: -PublicKey (such as New-QlikOAuthKey's output), -Certificate or -CertificatePath."),
                _ => throw new QlikValidationException(KeyErrors.ConflictingKeySources, "Give one key to add: -PublicKey, -Certificate or -CertificatePath, not several."),
            };
        }
    }
}
