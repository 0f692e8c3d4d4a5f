using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>RFC 7638 thumbprints and the JWK members Qlik's publicKeys receives.</summary>
    public sealed class ThumbprintTests
    {
        private const string Rfc7638Modulus =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

        [Fact]
        public void MatchesTheRsaExampleOfRfc7638()
        {
            var jwk = PublicKeyReader.Read($$"""{"kty":"RSA","n":"{{Rfc7638Modulus}}","e":"AQAB","alg":"RS256","kid":"2011-04-29"}""");

            Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", jwk.Thumbprint);
            Assert.Equal("2011-04-29", jwk.Kid);
            Assert.Equal(2048, jwk.KeySize);
        }

        // IdentityModel's ComputeJwkThumbprint is an independent implementation; EC is where member order differs.
        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384)]
        public void AgreesWithIdentityModel(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm);
            var theirs = JsonWebKey.Create(key.PublicJwk.ToJson());

            Assert.Equal(Base64UrlEncoder.Encode(theirs.ComputeJwkThumbprint()), key.Thumbprint);
        }

        [Fact]
        public void RsaJsonHasExactlyTheJwkMembers()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS512, keyId: "rsa-1");
            using var document = JsonDocument.Parse(key.PublicJwk.ToJson());
            var members = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            var dotnet = ExportPublic(key);

            Assert.Equal(new[] { "kid", "kty", "alg", "use", "n", "e" }, members.Keys);
            Assert.Equal("rsa-1", members["kid"]);
            Assert.Equal("RSA", members["kty"]);
            Assert.Equal("RS512", members["alg"]);
            Assert.Equal("sig", members["use"]);
            Assert.Equal(Base64UrlEncoder.Encode(dotnet.Modulus), members["n"]);
            Assert.Equal("AQAB", members["e"]);
            Assert.Equal(members.Select(m => KeyValuePair.Create(m.Key, m.Value!)), key.PublicJwk.ToDictionary());
        }

        [Fact]
        public void EcJsonHasFullLengthCoordinates()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var members = key.PublicJwk.ToDictionary();

            Assert.Equal(new[] { "kid", "kty", "alg", "use", "crv", "x", "y" }, members.Keys);
            Assert.Equal("EC", members["kty"]);
            Assert.Equal("ES384", members["alg"]);
            Assert.Equal("P-384", members["crv"]);
            Assert.Equal(48, Base64UrlEncoder.DecodeBytes(members["x"]).Length);
            Assert.Equal(48, Base64UrlEncoder.DecodeBytes(members["y"]).Length);
            Assert.Equal(384, key.KeySize);
        }

        private static RSAParameters ExportPublic(SigningKey key)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(PrivateKeyWriter.ToPkcs8Pem(key));
            return rsa.ExportParameters(false);
        }
    }
}
