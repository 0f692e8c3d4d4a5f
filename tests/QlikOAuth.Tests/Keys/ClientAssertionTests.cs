using System.Text.Json;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>The client assertion as Qlik Cloud checks it (qlik-cloud-api.md section 2).</summary>
    public sealed class ClientAssertionTests
    {
        private static readonly Uri Endpoint = new Uri("https://acme.eu.qlikcloud.com/oauth/token");
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.RS512)]
        [InlineData(SigningAlgorithm.ES384)]
        public void SignatureVerifiesWithThePublicJwk(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm, keyId: "kid-1");
            var jwt = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "client-1", Endpoint, Now));
            using var publicKey = KeyTestSupport.PlatformKey(key.PublicJwk);

            Assert.True(KeyTestSupport.Verifies(publicKey, algorithm.ToString(), jwt.SigningInput, jwt.Signature));
            if (algorithm == SigningAlgorithm.ES384)
            {
                Assert.Equal(96, jwt.Signature.Length); // JWS raw r||s, not DER
            }
        }

        [Fact]
        public void ATamperedAssertionDoesNotVerify()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "kid-1");
            var jwt = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "client-1", Endpoint, Now));
            using var publicKey = KeyTestSupport.PlatformKey(key.PublicJwk);
            jwt.SigningInput[^1] ^= 1;

            Assert.False(KeyTestSupport.Verifies(publicKey, "ES384", jwt.SigningInput, jwt.Signature));
        }

        [Theory]
        [InlineData(SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384)]
        public void HeaderNamesAlgorithmAndKeyId(SigningAlgorithm algorithm)
        {
            using var key = KeyGenerator.Generate(algorithm, keyId: "registered-kid");
            var header = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "client-1", Endpoint, Now)).Header;

            Assert.Equal(algorithm.ToString(), header.GetProperty("alg").GetString());
            Assert.Equal("registered-kid", header.GetProperty("kid").GetString());
        }

        [Fact]
        public void ClaimsAreThoseQlikChecks()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "k");
            var payload = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "client-1", Endpoint, Now)).Payload;

            Assert.Equal("client-1", payload.GetProperty("iss").GetString());
            Assert.Equal("client-1", payload.GetProperty("sub").GetString());
            Assert.Equal(JsonValueKind.String, payload.GetProperty("aud").ValueKind); // one audience, not an array
            Assert.Equal("https://acme.eu.qlikcloud.com/oauth/token", payload.GetProperty("aud").GetString());
            Assert.True(Guid.TryParse(payload.GetProperty("jti").GetString(), out _));
            Assert.Equal(Now.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
            Assert.Equal(Now.ToUnixTimeSeconds() + 60, payload.GetProperty("exp").GetInt64());
            Assert.False(payload.TryGetProperty("nbf", out _));
            Assert.Equal(
                new[] { "aud", "exp", "iat", "iss", "jti", "sub" },
                payload.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        [Fact]
        public void EachAssertionHasANewJti()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");
            var jtis = Enumerable.Range(0, 5)
                .Select(_ => KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "c", Endpoint, Now)).Payload.GetProperty("jti").GetString())
                .ToList();

            Assert.Equal(5, jtis.Distinct().Count());
        }

        // The aud must be the URL as configured: Uri normalisation (lower-casing the host) must not change it.
        [Fact]
        public void AudienceIsTheEndpointExactlyAsGiven()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");
            var given = new Uri("https://Acme.EU.qlikcloud.com:443/oauth/token");
            var payload = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "c", given, Now)).Payload;

            Assert.Equal("https://Acme.EU.qlikcloud.com:443/oauth/token", payload.GetProperty("aud").GetString());
        }

        [Fact]
        public void FiveMinutesIsAllowed()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");
            var payload = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "c", Endpoint, Now, ClientAssertion.MaximumLifetime)).Payload;

            Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        }

        [Theory]
        [InlineData(301)]
        [InlineData(0)]
        [InlineData(-5)]
        public void LifetimeOutsideQliksLimitIsRefused(int seconds)
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");

            KeyTestSupport.AssertRefused(
                KeyErrors.InvalidAssertionLifetime,
                () => ClientAssertion.Create(key, "c", Endpoint, Now, TimeSpan.FromSeconds(seconds)));
        }

        [Theory]
        [InlineData("https://acme.eu.qlikcloud.com/oauth/token/")]
        [InlineData("https://acme.eu.qlikcloud.com/oauth/token?x=1")]
        [InlineData("ftp://acme.eu.qlikcloud.com/oauth/token")]
        [InlineData("/oauth/token")]
        public void EndpointsQlikWouldNotMatchAreRefused(string endpoint)
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");

            KeyTestSupport.AssertRefused(
                KeyErrors.InvalidTokenEndpoint,
                () => ClientAssertion.Create(key, "c", new Uri(endpoint, UriKind.RelativeOrAbsolute), Now));
        }

        // A key read without a kid cannot be matched by Qlik to its registered public key.
        [Fact]
        public void KeyWithoutKeyIdIsRefused()
        {
            using var generated = KeyGenerator.Generate(SigningAlgorithm.RS256);
            var pem = PrivateKeyWriter.ToPkcs8Pem(generated);
            using var key = PrivateKeyReader.Read(pem);

            Assert.Null(key.KeyId);
            KeyTestSupport.AssertRefused(KeyErrors.MissingKeyId, () => ClientAssertion.Create(key, "c", Endpoint, Now), pem);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public void EmptyClientIdIsRefused(string clientId)
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");

            KeyTestSupport.AssertRefused(KeyErrors.InvalidClientId, () => ClientAssertion.Create(key, clientId, Endpoint, Now));
        }

        // Bulk token issuance may share one key across threads.
        [Fact]
        public async Task ConcurrentAssertionsAllVerify()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "k");
            using var publicKey = KeyTestSupport.PlatformKey(key.PublicJwk);

            var assertions = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ClientAssertion.Create(key, "c", Endpoint, Now))));

            Assert.All(assertions, a =>
            {
                var jwt = KeyTestSupport.DecodeJwt(a);
                Assert.True(KeyTestSupport.Verifies(publicKey, "RS256", jwt.SigningInput, jwt.Signature));
            });
        }
    }
}
