using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>
    /// Certificates as signing keys: PFX files made by OpenSSL and by .NET, RSA and EC P-384, with and without a
    /// password, and certificate objects. The key signs through the certificate's own object and is never copied out.
    /// </summary>
    public sealed class CertificateKeyTests : IDisposable
    {
        private const string Password = "pfx pass phrase";
        private readonly ScratchFolder _folder = new ScratchFolder();

        public void Dispose() => _folder.Dispose();

        [Theory]
        [InlineData("rsa:2048", null, SigningAlgorithm.RS256)]
        [InlineData("rsa:3072", Password, SigningAlgorithm.RS256)]
        [InlineData("ec", null, SigningAlgorithm.ES384)]
        [InlineData("ec", Password, SigningAlgorithm.ES384)]
        public void SignsWithAnOpenSslPfxUnderTheThumbprintOfItsPublicKey(string newKey, string? password, SigningAlgorithm expected)
        {
            var pfx = OpenSslPfx(newKey, password);

            using var key = CertificateKeys.ReadSigningKey(null, pfx, password is null ? null : KeyTestSupport.Secure(password));

            Assert.Equal(expected, key.Algorithm);
            Assert.Equal(key.Thumbprint, key.KeyId);
            Assert.Equal(PublicKeyReader.ReadFile(_folder.File("public.pem")).Thumbprint, key.Thumbprint);
            Assert.Equal(key.PublicJwk.ToJson(), CertificateKeys.ReadPublicJwk(null, pfx, password is null ? null : KeyTestSupport.Secure(password)).ToJson());
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(_folder.File("cert.pem"));
            using AsymmetricAlgorithm publicKey = expected == SigningAlgorithm.ES384 ? certificate.GetECDsaPublicKey()! : certificate.GetRSAPublicKey()!;
            KeyTestSupport.AssertSignsFor(key, publicKey);
        }

        [Theory]
        [InlineData(false, null)]
        [InlineData(false, Password)]
        [InlineData(true, null)]
        [InlineData(true, Password)]
        public void SignsWithADotNetPfxAndWithTheCertificateObjectItself(bool ec, string? password)
        {
            using var certificate = DotNetCertificate(ec ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048));
            File.WriteAllBytes(_folder.File("dotnet.pfx"), certificate.Export(X509ContentType.Pfx, password));

            using var fromFile = CertificateKeys.ReadSigningKey(null, _folder.File("dotnet.pfx"), password is null ? null : KeyTestSupport.Secure(password), "my-kid");
            using var fromObject = CertificateKeys.ReadSigningKey(certificate, null);

            Assert.Equal("my-kid", fromFile.KeyId);
            Assert.Equal(fromObject.Thumbprint, fromFile.Thumbprint);
            Assert.Equal(fromObject.Thumbprint, fromObject.KeyId);
            Assert.Equal(ec ? "EC" : "RSA", fromObject.PublicJwk.Kty);
            using AsymmetricAlgorithm publicKey = ec ? certificate.GetECDsaPublicKey()! : certificate.GetRSAPublicKey()!;
            KeyTestSupport.AssertSignsFor(fromFile, publicKey);
            KeyTestSupport.AssertSignsFor(fromObject, publicKey);
            Assert.True(certificate.HasPrivateKey, "the caller's certificate stays usable after the key is disposed");
        }

        [Fact]
        public void TheCertificatesKeyIsNeverWrittenOut()
        {
            using var certificate = DotNetCertificate(RSA.Create(2048));
            using var key = CertificateKeys.ReadSigningKey(certificate, null);

            KeyTestSupport.AssertRefused(KeyErrors.KeyNotExportable, () => PrivateKeyWriter.ToPkcs8Pem(key));
        }

        [Fact]
        public void ACertificateWithoutItsPrivateKeyRegistersButDoesNotSign()
        {
            using var withKey = DotNetCertificate(ECDsa.Create(ECCurve.NamedCurves.nistP384));
            using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);

            var error = KeyTestSupport.AssertRefused(KeyErrors.CertificateWithoutPrivateKey, () => CertificateKeys.ReadSigningKey(publicOnly, null));

            Assert.Contains(withKey.Thumbprint, error.Message);
            Assert.Equal(CertificateKeys.ReadSigningKey(withKey, null).Thumbprint, CertificateKeys.ReadPublicJwk(publicOnly, null).Thumbprint);
        }

        [Fact]
        public void UnsupportedCertificateKeysAreRefusedByTheKeyFileRules()
        {
            using var p256 = DotNetCertificate(ECDsa.Create(ECCurve.NamedCurves.nistP256));
            using var small = DotNetCertificate(RSA.Create(1024));
            OpenSsl("req", "-x509", "-newkey", "ed25519", "-keyout", "ed.key", "-out", "ed.pem", "-days", "1", "-nodes", "-subj", "/CN=ed");

            Assert.Contains("P-256", KeyTestSupport.AssertRefused(KeyErrors.UnsupportedCurve, () => CertificateKeys.ReadSigningKey(p256, null)).Message);
            KeyTestSupport.AssertRefused(KeyErrors.KeyTooSmall, () => CertificateKeys.ReadPublicJwk(small, null));
            KeyTestSupport.AssertRefused(KeyErrors.KeyTooSmall, () => CertificateKeys.ReadSigningKey(small, null));
            using var ed25519 = X509CertificateLoader.LoadCertificateFromFile(_folder.File("ed.pem"));
            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeyType, () => CertificateKeys.ReadPublicJwk(ed25519, null));
        }

        [Fact]
        public void PfxPasswordsAndNonPfxFilesAreExplained()
        {
            var pfx = OpenSslPfx("rsa:2048", Password);

            KeyTestSupport.AssertRefused(KeyErrors.KeyPasswordRequired, () => CertificateKeys.ReadSigningKey(null, pfx));
            var wrong = KeyTestSupport.AssertRefused(KeyErrors.WrongKeyPassword, () => CertificateKeys.ReadSigningKey(null, pfx, KeyTestSupport.Secure("not it")));
            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => CertificateKeys.ReadSigningKey(null, _folder.File("key.pem")));
            KeyTestSupport.AssertRefused(KeyErrors.KeyFileNotFound, () => CertificateKeys.ReadSigningKey(null, _folder.File("missing.pfx")));
            using var certificate = DotNetCertificate(RSA.Create(2048));
            KeyTestSupport.AssertRefused(KeyErrors.ConflictingKeySources, () => CertificateKeys.ReadSigningKey(certificate, pfx));
            Assert.Equal(pfx, wrong.Target);
            Assert.DoesNotContain(Password, wrong.Message);
        }

        /// <summary>A self-signed certificate and PFX made by the openssl command line; public.pem is its public key.</summary>
        private string OpenSslPfx(string newKey, string? password)
        {
            var keyOptions = newKey == "ec" ? new[] { "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384" } : new[] { "-newkey", newKey };
            OpenSsl([.. new[] { "req", "-x509" }, .. keyOptions, "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-nodes", "-subj", "/CN=QlikOAuth test"]);
            OpenSsl("pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");
            string[] protection = password is null
                ? ["-keypbe", "NONE", "-certpbe", "NONE", "-nomac", "-passout", "pass:"]
                : ["-passout", "pass:" + password];
            OpenSsl([.. new[] { "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "cert.pfx" }, .. protection]);
            return _folder.File("cert.pfx");
        }

        private static X509Certificate2 DotNetCertificate(AsymmetricAlgorithm key)
        {
            using (key)
            {
                var request = key is RSA rsa
                    ? new CertificateRequest("CN=QlikOAuth test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                    : new CertificateRequest("CN=QlikOAuth test", (ECDsa)key, HashAlgorithmName.SHA384);
                return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
            }
        }

        private string OpenSsl(params string[] arguments) => KeyTestSupport.OpenSsl(_folder.Path, arguments);
    }
}
