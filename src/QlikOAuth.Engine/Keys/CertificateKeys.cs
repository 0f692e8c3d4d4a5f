using System.Formats.Asn1;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Keys kept as X.509 certificates (a Windows certificate store, Azure Automation, a PFX file). Signing goes through
    /// the certificate's own RSA or ECDsa object, so a non-exportable key signs without leaving its store. The public
    /// JWK and its kid come from the certificate's public key, by the same policy and RFC 7638 thumbprint rule as key
    /// files. Each method takes a certificate object or the path of a PFX file, exactly one.
    /// </summary>
    public static class CertificateKeys
    {
        /// <param name="keyId">The kid the public key was registered under; by default its thumbprint.</param>
        public static SigningKey ReadSigningKey(X509Certificate2? certificate, string? path, SecureString? password = null, string? keyId = null)
        {
            if (keyId is not null)
            {
                KeyPolicy.CheckKeyId(keyId, path);
            }

            var (opened, owned) = Open(certificate, path, password);
            try
            {
                var publicKey = PublicKeyOf(opened, path);
                var algorithm = KeyPolicy.ResolveAlgorithm(publicKey.KeyType, null, null, path);
                var signer = (opened.HasPrivateKey ? PrivateKeyOf(opened, publicKey.IsRsa) : null) ?? throw WithoutPrivateKey(opened, path);
                return SigningKey.FromPlatformKey(signer, publicKey, algorithm, keyId, path, owned);
            }
            catch (CryptographicException)
            {
                owned?.Dispose();
                throw KeyErrors.Invalid(
                    KeyErrors.CertificateKeyUnusable,
                    "The certificate's private key cannot sign here (its key store or device refused). Use a certificate whose private key this account may use for signing.",
                    path);
            }
            catch
            {
                owned?.Dispose();
                throw;
            }
        }

        /// <summary>The public key to register; a certificate without its private key will do.</summary>
        public static PublicJwk ReadPublicJwk(X509Certificate2? certificate, string? path, SecureString? password = null, string? keyId = null)
        {
            var (opened, owned) = Open(certificate, path, password);
            using (owned)
            {
                return PublicKeyReader.ToPublicJwk(PublicKeyOf(opened, path), keyId, null, path);
            }
        }

        private static (X509Certificate2 Certificate, X509Certificate2? Owned) Open(X509Certificate2? certificate, string? path, SecureString? password)
        {
            if ((certificate is null) == (path is null))
            {
                throw KeyErrors.Invalid(
                    KeyErrors.ConflictingKeySources,
                    certificate is null ? "Give a certificate, or the path of a PFX file." : "Give a certificate or the path of a PFX file, not both.");
            }

            if (certificate is not null)
            {
                return (certificate, null);
            }

            var loaded = PfxFile.Load(path!, password);
            return (loaded, loaded);
        }

        /// <summary>
        /// The SubjectPublicKeyInfo straight from the certificate's DER (RFC 5280 section 4.1), read by the same rules as a
        /// "PUBLIC KEY" file: the platform's own view of a certificate's key parameters differs between .NET versions.
        /// </summary>
        private static KeyMaterial PublicKeyOf(X509Certificate2 certificate, string? path)
        {
            var tbs = new AsnReader(certificate.RawData, AsnEncodingRules.BER).ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.ReadEncodedValue(); // version
            }

            for (var field = 0; field < 5; field++)
            {
                tbs.ReadEncodedValue(); // serialNumber, signature, issuer, validity, subject
            }

            return KeyDer.ReadSubjectPublicKeyInfo(tbs.ReadEncodedValue().ToArray(), path);
        }

        private static AsymmetricAlgorithm? PrivateKeyOf(X509Certificate2 certificate, bool isRsa) =>
            isRsa ? certificate.GetRSAPrivateKey() : certificate.GetECDsaPrivateKey();

        private static Errors.QlikOAuthException WithoutPrivateKey(X509Certificate2 certificate, string? path) => KeyErrors.Invalid(
            KeyErrors.CertificateWithoutPrivateKey,
            $"The certificate {certificate.Subject} ({certificate.Thumbprint}) comes without its private key, so it cannot sign. Use the certificate from a store that holds its key, or a PFX file exported with the private key.",
            path);
    }
}
