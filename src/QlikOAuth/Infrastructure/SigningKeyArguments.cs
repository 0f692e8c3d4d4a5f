using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// The signing key parameters a cmdlet binds (-PrivateKeyPath, -KeyPassword, -Certificate, -CertificatePath,
    /// -CertificatePassword, -KeyId) as the engine's key source, and what Verbose says about the key that signs. Shared
    /// by the token cmdlets and Connect-QlikTenant -Interactive, so both take the same paths the same way.
    /// </summary>
    internal static class SigningKeyArguments
    {
        /// <summary>The key source; paths are resolved against the current location (a PSDrive path works), blanks are absent.</summary>
        public static SigningKeySource From(
            SessionState state, string? privateKeyPath, SecureString? keyPassword, X509Certificate2? certificate, string? certificatePath, SecureString? certificatePassword, string? keyId) =>
            new SigningKeySource
            {
                KeyPath = FullPath(state, privateKeyPath),
                KeyPassword = keyPassword,
                Certificate = certificate,
                CertificatePath = FullPath(state, certificatePath),
                CertificatePassword = certificatePassword,
                KeyId = Blank(keyId) ? null : keyId,
            };

        /// <summary>Which key signs the client's assertions, for Verbose: the algorithm, kid and source, never the key.</summary>
        public static string SigningMessage(PrivateKeyJwtAuthentication signer, SigningKeySource source) =>
            $"Signing client assertions for {signer.ClientId} with the {signer.Algorithm} key {signer.KeyId} from {source.Description}.";

        private static string? FullPath(SessionState state, string? path) => Blank(path) ? null : state.Path.GetUnresolvedProviderPathFromPSPath(path);

        private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
    }
}
