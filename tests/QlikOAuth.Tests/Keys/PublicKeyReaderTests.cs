using System.Security.Cryptography;
using System.Text.Json;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    public sealed class PublicKeyReaderTests
    {
        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384)]
        public void ReadsDotNetSubjectPublicKeyInfo(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm);
            using var dotnet = KeyTestSupport.PlatformKey(key.PublicJwk);
            var pem = dotnet is RSA rsa ? rsa.ExportSubjectPublicKeyInfoPem() : ((ECDsa)dotnet).ExportSubjectPublicKeyInfoPem();

            var jwk = PublicKeyReader.Read(pem);

            Assert.Equal(key.Thumbprint, jwk.Thumbprint);
            Assert.Equal(key.Thumbprint, jwk.Kid); // no kid in a PEM: the thumbprint
            Assert.Equal(algorithm.ToString(), jwk.Alg);
        }

        [Fact]
        public void ReadsDotNetPkcs1PublicKey()
        {
            using var rsa = RSA.Create(2048);

            var jwk = PublicKeyReader.Read(rsa.ExportRSAPublicKeyPem(), "pkcs1", SigningAlgorithm.RS512);

            Assert.Equal("pkcs1", jwk.Kid);
            Assert.Equal("RS512", jwk.Alg);
            Assert.Equal(2048, jwk.KeySize);
        }

        [Fact]
        public void JwkJsonKeepsItsKidAndAlg()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS512, keyId: "mine");

            var jwk = PublicKeyReader.Read(key.PublicJwk.ToJson());

            Assert.Equal(key.PublicJwk.ToJson(), jwk.ToJson());
        }

        [Fact]
        public void ExplicitKidAndAlgWinOverTheJwk()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "mine");

            var jwk = PublicKeyReader.Read(key.PublicJwk.ToJson(), "other", SigningAlgorithm.RS512);

            Assert.Equal("other", jwk.Kid);
            Assert.Equal("RS512", jwk.Alg);
            Assert.Equal(key.Thumbprint, jwk.Thumbprint);
        }

        [Fact]
        public void SingleKeyJwkSetIsThatKey()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);

            Assert.Equal(key.Thumbprint, PublicKeyReader.Read("{\"keys\":[" + key.PublicJwk.ToJson() + "]}").Thumbprint);
        }

        // A hashtable from PowerShell: plain strings.
        [Fact]
        public void FromDictionaryOfStrings()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "ht");
            var members = key.PublicJwk.ToDictionary().ToDictionary(m => m.Key, m => (object?)m.Value);

            Assert.Equal(key.PublicJwk.ToJson(), PublicKeyReader.FromDictionary(members).ToJson());
        }

        // A JWK deserialized by System.Text.Json into object values arrives as JsonElements.
        [Fact]
        public void FromDictionaryOfJsonElements()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "je");
            var members = JsonSerializer.Deserialize<Dictionary<string, object?>>(key.PublicJwk.ToJson())!;

            Assert.Equal(key.PublicJwk.ToJson(), PublicKeyReader.FromDictionary(members).ToJson());
        }

        [Fact]
        public void FromDictionaryRefusesNonStringMembers()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256);
            var members = key.PublicJwk.ToDictionary().ToDictionary(m => m.Key, m => (object?)m.Value);
            members["n"] = new[] { "not", "a", "string" };

            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PublicKeyReader.FromDictionary(members));
        }
    }
}
