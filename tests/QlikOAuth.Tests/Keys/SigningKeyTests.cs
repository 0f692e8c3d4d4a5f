using System.Security.Cryptography;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    public sealed class SigningKeyTests
    {
        [Fact]
        public void WithKeyIdIsTheSameKeyUnderAnotherKid()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS512);
            using var renamed = key.WithKeyId("renamed");

            Assert.Equal("renamed", renamed.KeyId);
            Assert.Equal("renamed", renamed.PublicJwk.Kid);
            Assert.Equal(key.Thumbprint, renamed.Thumbprint);
            Assert.Equal(key.Algorithm, renamed.Algorithm);
            Assert.Equal(key.Thumbprint, key.KeyId); // the original is untouched
        }

        // The copy owns its own key material: disposing the original must not break it.
        [Fact]
        public void WithKeyIdCopySurvivesTheOriginal()
        {
            var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            using var renamed = key.WithKeyId("copy");
            key.Dispose();

            var assertion = ClientAssertion.Create(renamed, "client", new Uri("https://t.eu.qlikcloud.com/oauth/token"), DateTimeOffset.UtcNow);
            Assert.Equal(3, assertion.Split('.').Length);
        }

        [Fact]
        public void ToStringShowsOnlyPublicFacts()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "kid-7");
            var text = key.ToString();

            Assert.Contains("RS256", text, StringComparison.Ordinal);
            Assert.Contains("2048", text, StringComparison.Ordinal);
            Assert.Contains("kid-7", text, StringComparison.Ordinal);
            Assert.Contains(key.Thumbprint, text, StringComparison.Ordinal);
            KeyTestSupport.AssertNoKeyMaterial(text, PrivateKeyWriter.ToPkcs8Pem(key), key.PublicJwk.N!);
        }

        // A loop of token calls signs with one key: IdentityModel learns that the key is private by exporting its private
        // numbers, which must happen once for the key, not once per assertion (a copy of the key on the heap per call).
        [Fact]
        public void ALoopOfAssertionsExportsThePrivateNumbersAtMostOnce()
        {
            using var platform = RSA.Create(2048);
            var counting = new ExportCountingRsa(platform);
            using var key = SigningKey.FromPlatformKey(counting, KeyMaterial.ForRsa(platform.ExportParameters(false), hasPrivate: false), SigningAlgorithm.RS256, "kid-1", null, null);

            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(3, ClientAssertion.Create(key, "client", new Uri("https://t.eu.qlikcloud.com/oauth/token"), DateTimeOffset.UtcNow).Split('.').Length);
            }

            Assert.InRange(counting.PrivateExports, 0, 1);
        }

        [Fact]
        public void DisposedKeyNoLongerSigns()
        {
            var key = KeyGenerator.Generate(SigningAlgorithm.RS256);
            key.Dispose();

            Assert.Throws<ObjectDisposedException>(() => ClientAssertion.Create(key, "client", new Uri("https://t.eu.qlikcloud.com/oauth/token"), DateTimeOffset.UtcNow));
            Assert.Throws<ObjectDisposedException>(() => PrivateKeyWriter.ToPkcs8Pem(key));
        }
    }

    /// <summary>A real RSA key that counts how often its private numbers are exported.</summary>
    internal sealed class ExportCountingRsa : RSA
    {
        private readonly RSA _inner;

        public ExportCountingRsa(RSA inner)
        {
            _inner = inner;
            KeySizeValue = inner.KeySize;
            LegalKeySizesValue = inner.LegalKeySizes;
        }

        public int PrivateExports { get; private set; }

        public override RSAParameters ExportParameters(bool includePrivateParameters)
        {
            PrivateExports += includePrivateParameters ? 1 : 0;
            return _inner.ExportParameters(includePrivateParameters);
        }

        public override void ImportParameters(RSAParameters parameters) => _inner.ImportParameters(parameters);

        public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) => _inner.SignHash(hash, hashAlgorithm, padding);

        public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) => _inner.VerifyHash(hash, signature, hashAlgorithm, padding);
    }
}
