using System;
using System.IO;
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
        /// <summary>Wildcards and the escape character, which PowerShell's paths may read otherwise than the file system.</summary>
        private static readonly char[] PowerShellPathCharacters = { '*', '?', '[', ']', '`' };

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

        /// <summary>
        /// The file system path PowerShell would make of <paramref name="path"/>. An absolute Unix path without wildcard or
        /// escape characters is already that path, wherever the current location is, so it skips PowerShell's resolver:
        /// the resolver cost a private key JWT call about as much CPU as the rest of the call besides the signature.
        /// Windows keeps the resolver for every path, since a drive letter there may name a PSDrive with another root.
        /// </summary>
        private static string? FullPath(SessionState state, string? path)
        {
            if (Blank(path))
            {
                return null;
            }

            bool plainUnixAbsolute = Path.DirectorySeparatorChar == '/' && path!.StartsWith("/", StringComparison.Ordinal) && path.IndexOfAny(PowerShellPathCharacters) < 0;
            return plainUnixAbsolute ? Path.GetFullPath(path) : state.Path.GetUnresolvedProviderPathFromPSPath(path);
        }

        private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
    }
}
