using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>
    /// A session reads a key file once: the same file version, kid and password give the key read before; a changed
    /// file, another password or a dropped session leave nothing stale (issue 22).
    /// </summary>
    public sealed class SigningKeyCacheTests : IDisposable
    {
        private const string Password = "cache pass phrase";
        private readonly ScratchFolder _folder = new ScratchFolder();
        private readonly SigningKeyCache _cache = new SigningKeyCache();

        public void Dispose()
        {
            _cache.Dispose();
            _folder.Dispose();
        }

        [Fact]
        public void AProtectedFileIsReadOnceForTheSameVersionKidAndPassword()
        {
            string path = WriteKey("signing.pem", out string thumbprint);

            using SigningKeyLease first = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-1", out bool firstReused);
            using SigningKeyLease second = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-1", out bool secondReused);

            Assert.False(firstReused);
            Assert.True(secondReused);
            Assert.Same(first.Key, second.Key);
            Assert.Equal(thumbprint, second.Key.Thumbprint);
        }

        [Fact]
        public void AChangedFileIsReadAgainAndTheOldKeyIsClearedOnceNothingUsesIt()
        {
            string path = WriteKey("rotated.pem", out _);
            SigningKeyLease old = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-1", out _);

            WriteKey("rotated.pem", out string newThumbprint);
            using SigningKeyLease fresh = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-1", out bool reused);

            Assert.False(reused);
            Assert.Equal(newThumbprint, fresh.Key.Thumbprint);
            KeyTestSupport.AssertSignsFor(old.Key, PublicKeyOf(old.Key)); // still signing for whoever holds it
            old.Dispose();
            Assert.Throws<ObjectDisposedException>(() => old.Key.WithKeyId("after"));
        }

        [Fact]
        public void AnotherPasswordReadsTheFileAgainSoAWrongOneIsRefusedAsAlways()
        {
            string path = WriteKey("guarded.pem", out _);
            using SigningKeyLease right = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-1", out _);

            var refused = Assert.ThrowsAny<QlikOAuthException>(() => _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure("not the password"), "kid-1", out _));

            Assert.Equal(KeyErrors.WrongKeyPassword, refused.ErrorId);
        }

        [Fact]
        public void AnotherKidIsAKeyOfItsOwn()
        {
            string path = WriteKey("two-kids.pem", out _);
            using SigningKeyLease one = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-1", out _);
            using SigningKeyLease two = _cache.ReadPrivateKeyFile(path, KeyTestSupport.Secure(Password), "kid-2", out bool reused);

            Assert.False(reused);
            Assert.Equal("kid-1", one.Key.KeyId);
            Assert.Equal("kid-2", two.Key.KeyId);
        }

        [Fact]
        public void APfxFileIsReadOnceAndAgainWhenItChanges()
        {
            string path = _folder.File("signing.pfx");
            WritePfx(path);
            using SigningKeyLease first = _cache.ReadPfxFile(path, KeyTestSupport.Secure(Password), "pfx-kid", out _);
            using SigningKeyLease second = _cache.ReadPfxFile(path, KeyTestSupport.Secure(Password), "pfx-kid", out bool reused);
            Assert.True(reused);
            Assert.Same(first.Key, second.Key);

            WritePfx(path);
            using SigningKeyLease third = _cache.ReadPfxFile(path, KeyTestSupport.Secure(Password), "pfx-kid", out bool reusedAfterChange);

            Assert.False(reusedAfterChange);
            Assert.NotEqual(first.Key.Thumbprint, third.Key.Thumbprint);
        }

        [Fact]
        public void DroppingTheCacheClearsEveryKeyAndAKeyInUseWhenItsLeaseEnds()
        {
            string idlePath = WriteKey("idle.pem", out _);
            string busyPath = WriteKey("busy.pem", out _);
            SigningKeyLease idle = _cache.ReadPrivateKeyFile(idlePath, KeyTestSupport.Secure(Password), "kid-1", out _);
            idle.Dispose();
            SigningKeyLease busy = _cache.ReadPrivateKeyFile(busyPath, KeyTestSupport.Secure(Password), "kid-1", out _);

            _cache.Dispose();

            Assert.Throws<ObjectDisposedException>(() => idle.Key.WithKeyId("after"));
            KeyTestSupport.AssertSignsFor(busy.Key, PublicKeyOf(busy.Key));
            busy.Dispose();
            Assert.Throws<ObjectDisposedException>(() => busy.Key.WithKeyId("after"));
            Assert.Throws<ObjectDisposedException>(() => _cache.ReadPrivateKeyFile(idlePath, KeyTestSupport.Secure(Password), "kid-1", out _));
        }

        /// <summary>A new RS256 key in an encrypted PKCS#8 file (PBKDF2), as New-QlikOAuthKey -Password writes it.</summary>
        private string WriteKey(string name, out string thumbprint)
        {
            using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256);
            thumbprint = key.Thumbprint;
            string path = _folder.File(name);
            PrivateKeyWriter.WriteFile(path, PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure(Password)), overwrite: true);
            return path;
        }

        private static void WritePfx(string path)
        {
            using RSA rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=cache test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        }

        private static RSA PublicKeyOf(SigningKey key)
        {
            var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = Base64UrlDecode(key.PublicJwk.N!),
                Exponent = Base64UrlDecode(key.PublicJwk.E!),
            });
            return rsa;
        }

        private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }
}
