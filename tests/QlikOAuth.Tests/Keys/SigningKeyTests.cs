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

        [Fact]
        public void DisposedKeyNoLongerSigns()
        {
            var key = KeyGenerator.Generate(SigningAlgorithm.RS256);
            key.Dispose();

            Assert.Throws<ObjectDisposedException>(() => ClientAssertion.Create(key, "client", new Uri("https://t.eu.qlikcloud.com/oauth/token"), DateTimeOffset.UtcNow));
            Assert.Throws<ObjectDisposedException>(() => PrivateKeyWriter.ToPkcs8Pem(key));
        }
    }
}
