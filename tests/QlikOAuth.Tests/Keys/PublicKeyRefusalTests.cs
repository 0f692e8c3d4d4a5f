using Base64Url = System.Buffers.Text.Base64Url;
using System.Security.Cryptography;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>What may not be registered as a public key, and messages that never repeat key material.</summary>
    public sealed class PublicKeyRefusalTests
    {
        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384)]
        public void PrivateJwkIsRefused(SigningAlgorithm algorithm)
        {
            var privateJwk = PrivateJwk(algorithm);

            var ex = KeyTestSupport.AssertRefused(KeyErrors.PrivateKeyGivenAsPublic, () => PublicKeyReader.Read(privateJwk), privateJwk);
            Assert.Contains("public key", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void PrivateJwkAsDictionaryIsRefused()
        {
            var privateJwk = PrivateJwk(SigningAlgorithm.ES384);
            var members = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(privateJwk)!;

            KeyTestSupport.AssertRefused(KeyErrors.PrivateKeyGivenAsPublic, () => PublicKeyReader.FromDictionary(members), privateJwk);
        }

        [Fact]
        public void PrivatePemIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var pem = PrivateKeyWriter.ToPkcs8Pem(key);

            KeyTestSupport.AssertRefused(KeyErrors.PrivateKeyGivenAsPublic, () => PublicKeyReader.Read(pem), pem);
        }

        [Fact]
        public void SmallRsaKeyIsRefused()
        {
            using var rsa = RSA.Create(1024);

            var ex = KeyTestSupport.AssertRefused(KeyErrors.KeyTooSmall, () => PublicKeyReader.Read(rsa.ExportSubjectPublicKeyInfoPem()));
            Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void P256KeyIsRefused()
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedCurve, () => PublicKeyReader.Read(ec.ExportSubjectPublicKeyInfoPem()));
        }

        [Fact]
        public void AlgorithmOfTheOtherKeyTypeIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);

            KeyTestSupport.AssertRefused(KeyErrors.AlgorithmKeyMismatch, () => PublicKeyReader.Read(key.PublicJwk.ToJson(), algorithm: SigningAlgorithm.RS256));
        }

        // A point off the curve is either damage or an invalid-curve attack; the platform's import check catches it.
        [Fact]
        public void PointOffTheCurveIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var y = Base64Url.DecodeFromChars(key.PublicJwk.Y);
            y[^1] ^= 1;
            var json = $$"""{"kty":"EC","crv":"P-384","x":"{{key.PublicJwk.X}}","y":"{{Base64Url.EncodeToString(y)}}"}""";

            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PublicKeyReader.Read(json));
        }

        [Fact]
        public void ShortCoordinatesAreRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var json = $$"""{"kty":"EC","crv":"P-384","x":"{{key.PublicJwk.X![4..]}}","y":"{{key.PublicJwk.Y}}"}""";

            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PublicKeyReader.Read(json));
        }

        [Fact]
        public void JwkSetWithSeveralKeysIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var json = "{\"keys\":[" + key.PublicJwk.ToJson() + "," + key.PublicJwk.ToJson() + "]}";

            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PublicKeyReader.Read(json));
        }

        [Fact]
        public void CertificateIsRefusedWithAHint()
        {
            var pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

            var ex = KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PublicKeyReader.Read(pem));
            Assert.Contains("openssl x509", ex.Message, StringComparison.Ordinal);
        }

        private static string PrivateJwk(SigningAlgorithm algorithm)
        {
            if (algorithm == SigningAlgorithm.ES384)
            {
                using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
                var e = ec.ExportParameters(true);
                return $$"""{"kty":"EC","crv":"P-384","x":"{{B(e.Q.X)}}","y":"{{B(e.Q.Y)}}","d":"{{B(e.D)}}"}""";
            }

            using var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(true);
            return $$"""{"kty":"RSA","n":"{{B(p.Modulus)}}","e":"{{B(p.Exponent)}}","d":"{{B(p.D)}}","p":"{{B(p.P)}}","q":"{{B(p.Q)}}","dp":"{{B(p.DP)}}","dq":"{{B(p.DQ)}}","qi":"{{B(p.InverseQ)}}"}""";
        }

        private static string B(byte[]? value) => Base64Url.EncodeToString(value);
    }
}
