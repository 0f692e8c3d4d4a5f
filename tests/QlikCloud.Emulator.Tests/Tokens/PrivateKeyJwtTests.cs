using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class PrivateKeyJwtTests : EmulatorTest
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private async Task<string> CreateKeyClientAsync(params SigningKey[] keys)
    {
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["publicKeys"] = new JsonArray([.. keys.Select(k => (JsonNode)k.PublicJwk())]);
        return (string)(await CreateClientAsync(body))["clientId"]!;
    }

    private static JsonObject AssertionBody(string? clientId, string assertion) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_assertion"] = assertion,
        ["client_assertion_type"] = AssertionType,
    };

    private async Task AssertRejectedAsync(string clientId, string assertion, string check) =>
        await AssertOAuthErrorAsync(await TokenAsync(AssertionBody(clientId, assertion)), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials", check);

    public static TheoryData<string> Algs => ["RS256", "RS512", "ES384"];

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task ValidAssertionGetsAToken(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        var response = await TokenAsync(AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await JsonAsync(await GetAsync("/api/v1/users/me", (string)(await JsonAsync(response))["access_token"]!));
        Assert.Equal($"qlikbot\\{id}", (string)me["subject"]!);
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task ClientIdMayBeOmittedWithAnAssertion(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(AssertionBody(null, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow)))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task SecondKeyOfTheClientIsFoundByKid(string alg)
    {
        using var first = SigningKey.Create("RS256");
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(first, key);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow)))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task BadSignatureIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        using var impostor = SigningKey.Create(alg, key.Kid);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, impostor.Assertion(id, TokenUrl, DateTimeOffset.UtcNow), "signature");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task TamperedClaimsAreRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        var parts = key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow).Split('.');
        var other = key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow.AddSeconds(1)).Split('.');
        await AssertRejectedAsync(id, $"{parts[0]}.{other[1]}.{parts[2]}", "signature");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task UnknownKidIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow, (h, _) => h["kid"] = "unknown-kid"), "kid");
    }

    [Theory]
    [InlineData("RS256", "RS512")]
    [InlineData("RS512", "RS256")]
    [InlineData("ES384", "RS256")]
    public async Task AlgDifferentFromTheKeysIsRejected(string keyAlg, string headerAlg)
    {
        using var key = SigningKey.Create(keyAlg);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow, (h, _) => h["alg"] = headerAlg), "alg");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task WrongAudienceIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        foreach (var aud in new[] { TokenUrl + "/", "https://tenant.eu.qlikcloud.com/oauth/token", Url("/oauth/revoke") })
        {
            await AssertRejectedAsync(id, key.Assertion(id, aud, DateTimeOffset.UtcNow), "aud");
        }
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task AudienceArrayContainingTheTokenUrlIsAccepted(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        var assertion = key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow, (_, c) => c["aud"] = Strings(TokenUrl));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(AssertionBody(id, assertion))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task LifetimeOverFiveMinutesIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        var now = DateTimeOffset.UtcNow;
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, now, (_, c) => c["exp"] = now.AddSeconds(301).ToUnixTimeSeconds()), "exp");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task ExpiredAssertionIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow.AddMinutes(-10)), "exp");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task IatInTheFutureIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow.AddSeconds(120)), "iat");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task ReplayedJtiIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        var assertion = key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(AssertionBody(id, assertion))).StatusCode);
        await AssertRejectedAsync(id, assertion, "jti replay");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task MissingJtiIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow, (_, c) => c.Remove("jti")), "jti");
    }

    [Theory]
    [MemberData(nameof(Algs))]
    public async Task IssDifferentFromSubIsRejected(string alg)
    {
        using var key = SigningKey.Create(alg);
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow, (_, c) => c["sub"] = "someone-else"), "iss/sub");
    }

    [Fact]
    public async Task ClientIdParameterDifferentFromIssIsRejected()
    {
        using var key = SigningKey.Create("RS256");
        var id = await CreateKeyClientAsync(key);
        var otherId = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(otherId, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow), "iss/sub");
    }

    [Fact]
    public async Task NotAJwsIsRejected()
    {
        using var key = SigningKey.Create("RS256");
        var id = await CreateKeyClientAsync(key);
        await AssertRejectedAsync(id, "not-a-jwt", "format");
    }

    [Fact]
    public async Task JwksUriClientCannotBeVerified()
    {
        using var key = SigningKey.Create("RS256");
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["jwksUri"] = "https://keys.example.com/jwks";
        var id = (string)(await CreateClientAsync(body))["clientId"]!;
        await AssertRejectedAsync(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow), "jwksUri");
    }

    [Fact]
    public async Task ImpersonationWorksWithAnAssertion()
    {
        using var key = SigningKey.Create("ES384");
        var body = WebClient(grants: ["urn:qlik:oauth:user-impersonation"]);
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["publicKeys"] = new JsonArray(key.PublicJwk());
        var id = (string)(await CreateClientAsync(body))["clientId"]!;
        var request = AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow));
        request["grant_type"] = "urn:qlik:oauth:user-impersonation";
        request["user_lookup"] = new JsonObject { ["field"] = "subject", ["value"] = EmulatorDefaults.AliceSubject };
        var token = await AccessTokenAsync(request);
        Assert.Equal(EmulatorDefaults.AliceId, (string)(await JsonAsync(await GetAsync("/api/v1/users/me", token)))["id"]!);
    }
}
