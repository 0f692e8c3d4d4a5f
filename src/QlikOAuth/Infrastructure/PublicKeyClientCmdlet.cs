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

        /// <summary>The -PublicKey values and the certificate's key, checked; null when neither was given.</summary>
        internal List<PublicJwk>? ReadPublicKeys(object[]? publicKeys, string? keyId) =>
            PublicKeyArgument.ReadAll(publicKeys, Certificate, CertificatePath, CertificatePassword, keyId, SessionState.Path.GetUnresolvedProviderPathFromPSPath);
    }
}
