using Base64Url = System.Buffers.Text.Base64Url;
using System.Security.Cryptography;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>Keys cross both ways between this module and .NET 10's own PEM/PKCS#8 implementation.</summary>
    public sealed class DotNetInteropTests
    {
        public static TheoryData<string, bool> DotNetPrivatePems()
        {
            using var rsa = RSA.Create(2048);
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            return new TheoryData<string, bool>
            {
                { rsa.ExportPkcs8PrivateKeyPem(), true },
                { rsa.ExportRSAPrivateKeyPem(), true },
                { ec.ExportPkcs8PrivateKeyPem(), false },
                { ec.ExportECPrivateKeyPem(), false },
            };
        }

        [Theory]
        [MemberData(nameof(DotNetPrivatePems))]
        public void ReadsDotNetPrivateKeys(string pem, bool isRsa)
        {
            using var key = PrivateKeyReader.Read(pem, keyId: "k");
            using AsymmetricAlgorithm dotnet = isRsa ? RSA.Create() : ECDsa.Create();
            dotnet.ImportFromPem(pem);

            AssertSamePublicKey(dotnet, key.PublicJwk);
            KeyTestSupport.AssertSignsFor(key, dotnet);
        }

        // Every PBES2 variant .NET can write: each PRF and AES key size.
        [Theory]
        [InlineData(PbeEncryptionAlgorithm.Aes256Cbc, "SHA256")]
        [InlineData(PbeEncryptionAlgorithm.Aes128Cbc, "SHA1")]
        [InlineData(PbeEncryptionAlgorithm.Aes192Cbc, "SHA384")]
        [InlineData(PbeEncryptionAlgorithm.Aes256Cbc, "SHA512")]
        public void ReadsDotNetEncryptedKeys(PbeEncryptionAlgorithm encryption, string hash)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var pem = ec.ExportEncryptedPkcs8PrivateKeyPem("pässword", new PbeParameters(encryption, new HashAlgorithmName(hash), 2000));

            using var key = PrivateKeyReader.Read(pem, KeyTestSupport.Secure("pässword"), "k");

            AssertSamePublicKey(ec, key.PublicJwk);
            KeyTestSupport.AssertSignsFor(key, ec);
        }

        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384)]
        public void DotNetReadsOurPkcs8(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm, keyId: "k");
            var pem = PrivateKeyWriter.ToPkcs8Pem(key);
            using AsymmetricAlgorithm dotnet = algorithm == SigningAlgorithm.ES384 ? ECDsa.Create() : RSA.Create();
            dotnet.ImportFromPem(pem);

            Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
            AssertSamePublicKey(dotnet, key.PublicJwk);
            KeyTestSupport.AssertSignsFor(key, dotnet);
        }

        [Theory]
        [InlineData(SigningAlgorithm.RS512)]
        [InlineData(SigningAlgorithm.ES384)]
        public void DotNetReadsOurEncryptedPkcs8(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm, keyId: "k");
            var pem = PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure("correct horse"));
            using AsymmetricAlgorithm dotnet = algorithm == SigningAlgorithm.ES384 ? ECDsa.Create() : RSA.Create();
            dotnet.ImportFromEncryptedPem(pem, "correct horse");

            Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
            AssertSamePublicKey(dotnet, key.PublicJwk);
        }

        // Salt and IV are random, so the same key and password never give the same file.
        [Fact]
        public void EncryptionIsRandomized()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var password = KeyTestSupport.Secure("pw");

            Assert.NotEqual(PrivateKeyWriter.ToPkcs8Pem(key, password), PrivateKeyWriter.ToPkcs8Pem(key, password));
        }

        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384)]
        public void RoundTripsThroughOurOwnEncryptedPem(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm, keyId: "k");
            using var back = PrivateKeyReader.Read(PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure("s3cret")), KeyTestSupport.Secure("s3cret"), "k");

            Assert.Equal(key.PublicJwk.ToJson(), back.PublicJwk.ToJson());
            Assert.Equal(PrivateKeyWriter.ToPkcs8Pem(key), PrivateKeyWriter.ToPkcs8Pem(back));
        }

        [Fact]
        public void ReadsPrivateRsaJwkBuiltFromDotNetParameters()
        {
            using var rsa = RSA.Create(3072);
            var p = rsa.ExportParameters(true);
            var json = $$"""
                {"kty":"RSA","kid":"jwk-1","alg":"RS512","n":"{{B(p.Modulus)}}","e":"{{B(p.Exponent)}}","d":"{{B(p.D)}}",
                 "p":"{{B(p.P)}}","q":"{{B(p.Q)}}","dp":"{{B(p.DP)}}","dq":"{{B(p.DQ)}}","qi":"{{B(p.InverseQ)}}"}
                """;

            using var key = PrivateKeyReader.Read(json);

            Assert.Equal("jwk-1", key.KeyId);
            Assert.Equal(SigningAlgorithm.RS512, key.Algorithm);
            Assert.Equal(3072, key.KeySize);
            KeyTestSupport.AssertSignsFor(key, rsa);
        }

        [Fact]
        public void ReadsPrivateEcJwkBuiltFromDotNetParameters()
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var p = ec.ExportParameters(true);
            var json = $$"""{"kty":"EC","crv":"P-384","x":"{{B(p.Q.X)}}","y":"{{B(p.Q.Y)}}","d":"{{B(p.D)}}"}""";

            using var key = PrivateKeyReader.Read(json);

            Assert.Null(key.KeyId); // no kid anywhere: the assertion builder will ask for one
            Assert.Equal(SigningAlgorithm.ES384, key.Algorithm);
            KeyTestSupport.AssertSignsFor(key, ec);
        }

        [Fact]
        public void ExplicitKeyIdAndAlgorithmWinOverTheJwk()
        {
            using var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(true);
            var json = $$"""
                {"kty":"RSA","kid":"from-jwk","alg":"RS256","n":"{{B(p.Modulus)}}","e":"{{B(p.Exponent)}}","d":"{{B(p.D)}}",
                 "p":"{{B(p.P)}}","q":"{{B(p.Q)}}","dp":"{{B(p.DP)}}","dq":"{{B(p.DQ)}}","qi":"{{B(p.InverseQ)}}"}
                """;

            using var key = PrivateKeyReader.Read(json, keyId: "explicit", algorithm: SigningAlgorithm.RS512);

            Assert.Equal("explicit", key.KeyId);
            Assert.Equal(SigningAlgorithm.RS512, key.Algorithm);
        }

        private static string B(byte[]? value) => Base64Url.EncodeToString(value);

        /// <summary>Compares the JWK's numbers with .NET's own export of the key.</summary>
        private static void AssertSamePublicKey(AsymmetricAlgorithm dotnet, PublicJwk jwk)
        {
            if (dotnet is RSA rsa)
            {
                var p = rsa.ExportParameters(false);
                Assert.Equal(B(p.Modulus), jwk.N);
                Assert.Equal(B(p.Exponent), jwk.E);
                return;
            }

            var q = ((ECDsa)dotnet).ExportParameters(false).Q;
            Assert.Equal(B(q.X), jwk.X);
            Assert.Equal(B(q.Y), jwk.Y);
        }
    }
}
