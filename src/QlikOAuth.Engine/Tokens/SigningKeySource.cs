using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// Where a client's signing key comes from for private key JWT: a private key file, a certificate with its private
    /// key, or a PKCS#12 (PFX) file; one of them. Every command that signs client assertions (the token cmdlets, a web
    /// client's sign-in) reads its key through here, so all of them read keys and refuse conflicts alike.
    /// </summary>
    public sealed class SigningKeySource
    {
        /// <summary>A private key file (full path).</summary>
        public string? KeyPath { get; set; }

        public SecureString? KeyPassword { get; set; }

        /// <summary>A certificate with its private key (possibly non-exportable).</summary>
        public X509Certificate2? Certificate { get; set; }

        /// <summary>A PKCS#12 (PFX) file (full path) holding the certificate and its private key.</summary>
        public string? CertificatePath { get; set; }

        public SecureString? CertificatePassword { get; set; }

        /// <summary>The kid the public key was registered under (a JWK file may carry its own).</summary>
        public string? KeyId { get; set; }

        /// <summary>Whether any signing key was given: then the client signs assertions instead of sending a secret.</summary>
        public bool IsGiven => !string.IsNullOrEmpty(KeyPath) || !string.IsNullOrEmpty(CertificatePath) || Certificate != null;

        /// <summary>Where the key is read from, for messages: the file, or the certificate's thumbprint.</summary>
        public string Description =>
            !string.IsNullOrEmpty(KeyPath) ? KeyPath! : !string.IsNullOrEmpty(CertificatePath) ? CertificatePath! : $"certificate {Certificate?.Thumbprint}";

        /// <summary>
        /// Reads the key and makes the client's private key JWT authentication, which the caller owns (disposing it
        /// clears the key, or gives a key of <paramref name="sessionKeys"/> back). A key that cannot sign (unreadable,
        /// wrong password, too small, no kid) fails here, before any request.
        /// </summary>
        /// <param name="sessionKeys">The session's keys read from files: a file read before, unchanged, is not read again.</param>
        /// <param name="cancellationToken">Stops decrypting an encrypted key file, whose PBKDF2 may run for seconds (Ctrl+C).</param>
        /// <exception cref="QlikValidationException">ConflictingKeySources, MissingKeyId, and the key readers' errors.</exception>
        public PrivateKeyJwtAuthentication CreateClient(string clientId, SigningKeyCache? sessionKeys = null, CancellationToken cancellationToken = default)
        {
            if (!string.IsNullOrEmpty(KeyPath) && (Certificate != null || !string.IsNullOrEmpty(CertificatePath)))
            {
                throw new QlikValidationException(
                    KeyErrors.ConflictingKeySources,
                    "Give one signing key: -PrivateKeyPath, -Certificate or -CertificatePath (a client object from the pipeline may bring its PrivateKeyPath).");
            }

            // A certificate object is no file: its key stays in the certificate, nothing to read again.
            if (sessionKeys != null && Certificate is null)
            {
                SigningKeyLease lease = string.IsNullOrEmpty(KeyPath)
                    ? sessionKeys.ReadPfxFile(CertificatePath!, CertificatePassword, KeyId, out bool reused)
                    : sessionKeys.ReadPrivateKeyFile(KeyPath!, KeyPassword, KeyId, out reused, cancellationToken);
                if (reused)
                {
                    QlikLog.Verbose($"Signing with the key of {Description} read earlier in this session (the file has not changed).");
                }

                return Owning(() => new PrivateKeyJwtAuthentication(clientId, lease), lease);
            }

            SigningKey key = string.IsNullOrEmpty(KeyPath)
                ? CertificateKeys.ReadSigningKey(Certificate, CertificatePath, CertificatePassword, KeyId)
                : PrivateKeyReader.ReadFile(KeyPath!, KeyPassword, KeyId, cancellationToken: cancellationToken);
            return Owning(() => new PrivateKeyJwtAuthentication(clientId, key), key);
        }

        /// <summary>The client; the key is given back or cleared if the client cannot be made (no kid).</summary>
        private static PrivateKeyJwtAuthentication Owning(Func<PrivateKeyJwtAuthentication> make, IDisposable key)
        {
            try
            {
                return make();
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
    }
}
