using System.Collections.Generic;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using System.Security;
using QlikOAuth.Clients;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Infrastructure
{
    /// <summary>Base of New- and Set-QlikOAuthClient: the certificate whose public key they register, beside -PublicKey.</summary>
    public abstract class PublicKeyClientCmdlet : OAuthClientCmdlet
    {
        /// <summary>A certificate whose public key to register (its private key is not needed), such as Get-Item Cert:\CurrentUser\My\&lt;thumbprint&gt;.</summary>
        [Parameter]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>A PKCS#12 (PFX) file whose certificate's public key to register.</summary>
        [Parameter]
        public string? CertificatePath { get; set; }

        /// <summary>The password of the -CertificatePath file.</summary>
        [Parameter]
        public SecureString? CertificatePassword { get; set; }

        private bool _publicKeyOnCommandLine;

        /// <summary>
        /// Whether the keys are a piped client's own PublicKeys (bound by property name): then every kid it registers
        /// (its PublicKeyIds) must be among them, or a key this module cannot read would be dropped from the copy.
        /// </summary>
        internal bool KeysArePiped => !_publicKeyOnCommandLine && !CertificateGiven;

        private bool CertificateGiven => Certificate != null || !string.IsNullOrWhiteSpace(CertificatePath);

        // Before the first pipeline item, BoundParameters holds only what the command line gave.
        protected override void BeginProcessing() => _publicKeyOnCommandLine = MyInvocation.BoundParameters.ContainsKey("PublicKey");

        /// <summary>
        /// The -PublicKey values and the certificate's key, checked; null when neither was given. A certificate given
        /// on the command line replaces the keys: a piped client's own PublicKeys are not added to it.
        /// </summary>
        internal List<PublicJwk>? ReadPublicKeys(object[]? publicKeys, string? keyId) =>
            PublicKeyArgument.ReadAll(
                _publicKeyOnCommandLine || !CertificateGiven ? publicKeys : null, Certificate, CertificatePath, CertificatePassword, keyId, SessionState.Path.GetUnresolvedProviderPathFromPSPath);
    }
}
