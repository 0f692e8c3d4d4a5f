using System.Security.Cryptography;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    public sealed class KeyGeneratorTests
    {
        [Theory]
        [InlineData(SigningAlgorithm.RS256, 2048)]
        [InlineData(SigningAlgorithm.RS256, 3072)]
        [InlineData(SigningAlgorithm.RS512, 4096)]
        public void RsaKeysHaveTheAskedSize(SigningAlgorithm algorithm, int bits)
        {
            using var key = KeyGenerator.Generate(algorithm, bits);
            using var dotnet = RSA.Create();
            dotnet.ImportFromPem(PrivateKeyWriter.ToPkcs8Pem(key));

            Assert.Equal(bits, key.KeySize);
            Assert.Equal(bits, dotnet.KeySize);
            Assert.Equal(algorithm, key.Algorithm);
            Assert.Equal("RSA", key.PublicJwk.Kty);
        }

        [Fact]
        public void EcKeysAreOnP384()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            using var dotnet = ECDsa.Create();
            dotnet.ImportFromPem(PrivateKeyWriter.ToPkcs8Pem(key));

            Assert.Equal(ECCurve.NamedCurves.nistP384.Oid.Value, dotnet.ExportParameters(false).Curve.Oid.Value);
            Assert.Equal(384, key.KeySize);
        }

        // A kid is needed for every assertion; the thumbprint is a stable default that also names the key uniquely.
        [Fact]
        public void DefaultKeyIdIsTheThumbprint()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);

            Assert.Equal(key.Thumbprint, key.KeyId);
            Assert.Equal(key.Thumbprint, key.PublicJwk.Kid);
        }

        [Fact]
        public void ExplicitKeyIdIsKept()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "qlik-m2m-2025");

            Assert.Equal("qlik-m2m-2025", key.KeyId);
            Assert.Equal("qlik-m2m-2025", key.PublicJwk.Kid);
        }

        [Fact]
        public void EachCallMakesANewKey()
        {
            using var first = KeyGenerator.Generate(SigningAlgorithm.ES384);
            using var second = KeyGenerator.Generate(SigningAlgorithm.ES384);

            Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        }

        [Theory]
        [InlineData(1024)]
        [InlineData(2047)]
        [InlineData(8192)]
        public void OtherRsaSizesAreRefused(int bits)
        {
            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeySize, () => KeyGenerator.Generate(SigningAlgorithm.RS256, bits));
        }

        [Fact]
        public void UndefinedAlgorithmIsRefused()
        {
            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedAlgorithm, () => KeyGenerator.Generate((SigningAlgorithm)42));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("line\nbreak")]
        public void BlankOrControlKeyIdIsRefused(string keyId)
        {
            KeyTestSupport.AssertRefused(KeyErrors.InvalidKeyId, () => KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: keyId));
        }
    }
}
