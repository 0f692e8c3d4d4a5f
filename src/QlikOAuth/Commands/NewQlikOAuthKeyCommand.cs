using System;
using System.Management.Automation;
using System.Security;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Creates a key pair for private key JWT: writes the private key as PKCS#8 PEM to -Path (owner-only on Unix,
    /// optionally encrypted with -Password) and emits the public JWK to register with New-QlikOAuthClient.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "QlikOAuthKey", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikOAuthKey))]
    public sealed class NewQlikOAuthKeyCommand : QlikCmdlet
    {
        /// <summary>Where to write the private key. Required: a key whose private half is lost cannot sign anything.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>RS256 (default), RS512 or ES384.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AlgorithmCompleter))]
        public string Algorithm { get; set; } = nameof(SigningAlgorithm.RS256);

        /// <summary>RSA key size; ES384 keys are always P-384.</summary>
        [Parameter]
        [ValidateSet("2048", "3072", "4096")]
        public int KeySize { get; set; } = 2048;

        /// <summary>The kid to register; default: the key's RFC 7638 thumbprint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyId { get; set; }

        /// <summary>Encrypts the private key file (PKCS#8 with PBES2/AES-256).</summary>
        [Parameter]
        public SecureString? Password { get; set; }

        /// <summary>Overwrite an existing file at -Path.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            TryEngine(() =>
            {
                SigningAlgorithm algorithm = ParseAlgorithm(Algorithm);
                if (algorithm == SigningAlgorithm.ES384 && MyInvocation.BoundParameters.ContainsKey(nameof(KeySize)))
                {
                    throw new QlikValidationException(KeyErrors.UnsupportedKeySize, "-KeySize applies to RSA keys only: an ES384 key is always EC P-384. Leave -KeySize out, or use -Algorithm RS256 or RS512.", KeySize);
                }

                bool write = ShouldProcess(path, $"Write a new {algorithm} private key");
                if (!write && !IsWhatIf)
                {
                    return;
                }

                using SigningKey key = KeyGenerator.Generate(algorithm, KeySize, KeyId);
                if (!write)
                {
                    // -WhatIf: the key exists in memory only, so a piped New-QlikOAuthClient -WhatIf can preview too.
                    WriteObject(new QlikOAuthKey(key, path, Password != null));
                    return;
                }

                PrivateKeyWriter.WriteFile(path, PrivateKeyWriter.ToPkcs8Pem(key, Password), Force);
                WriteVerbose($"Wrote the {algorithm} private key {key.PublicJwk.Kid} to {path}.");
                WriteObject(new QlikOAuthKey(key, path, Password != null));
            }, path);
        }

        private static SigningAlgorithm ParseAlgorithm(string name)
        {
            foreach (SigningAlgorithm candidate in (SigningAlgorithm[])Enum.GetValues(typeof(SigningAlgorithm)))
            {
                if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            throw new QlikValidationException(KeyErrors.UnsupportedAlgorithm, $"'{name}' is not an algorithm Qlik Cloud accepts for private key JWT; use RS256, RS512 or ES384.", name);
        }
    }
}
