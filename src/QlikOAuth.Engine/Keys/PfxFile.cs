using System.Formats.Asn1;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Opens a PKCS#12 (PFX) file, a certificate with its private key, as Windows and OpenSSL export them.</summary>
    internal static class PfxFile
    {
        /// <summary>The certificate, which the caller disposes.</summary>
        public static X509Certificate2 Load(string path, SecureString? password)
        {
            var content = KeyFile.ReadBytes(path);
            try
            {
                if (!IsPkcs12(content))
                {
                    throw KeyErrors.Unreadable("it is not a PKCS#12 (PFX) file. Export the certificate with its private key as .pfx (openssl pkcs12 -export), or give a PEM key file with -PrivateKeyPath.", path);
                }

                // DefaultKeySet: on Windows the key goes to a temporary container that Dispose removes. netstandard2.0
                // cannot name EphemeralKeySet (memory only), and macOS refuses that flag.
                return new X509Certificate2(content, password, X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException)
            {
                // The structure is PKCS#12 (checked above), so the password is the likely cause; the platform does not
                // say, and a damaged file or a key type it cannot load fail the same way.
                throw password is null
                    ? KeyErrors.Invalid(KeyErrors.KeyPasswordRequired, "The PFX file does not open without a password. Give its password with -CertificatePassword (if it has none, the file is damaged or holds a key this platform cannot load).", path)
                    : KeyErrors.Invalid(KeyErrors.WrongKeyPassword, "The password does not open this PFX file. Check the password (it is case-sensitive); if it is right, the file is damaged or holds a key this platform cannot load: export it again, with an RSA or EC P-384 key.", path);
            }
            finally
            {
                SensitiveBytes.Clear(content);
            }
        }

        /// <summary>PFX ::= SEQUENCE { version INTEGER (3), ... } (RFC 7292 section 4); BER, as some exporters write it.</summary>
        private static bool IsPkcs12(byte[] content)
        {
            try
            {
                return new AsnReader(content, AsnEncodingRules.BER).ReadSequence().TryReadInt32(out var version) && version == 3;
            }
            catch (AsnContentException)
            {
                return false;
            }
        }
    }
}
