using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

/// <summary>With FetchLoopbackJwks the token endpoint reads a jwksUri client's keys from its loopback URL for each assertion.</summary>
public sealed class JwksFetchTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { FetchLoopbackJwks = true, EnableTestControls = true, JwksFetchTimeout = TimeSpan.FromSeconds(2) };

    private async Task<string> CreateJwksClientAsync(string jwksUri)
    {
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["jwksUri"] = jwksUri;
        return (string)(await CreateClientAsync(body))["clientId"]!;
    }

    private static JsonObject AssertionBody(string clientId, string assertion) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_assertion"] = assertion,
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    };

    [Fact]
    public async Task AKeyServedAtTheJwksUriGetsAToken()
    {
        using var key = SigningKey.Create("ES384");
        var id = await CreateJwksClientAsync(Emulator.ServeJwks("app", new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) }.ToJsonString()).ToString());

        var response = await TokenAsync(AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AKidTheJwksNoLongerHasIsRefused()
    {
        using var key = SigningKey.Create("RS256");
        using var other = SigningKey.Create("RS256");
        var id = await CreateJwksClientAsync(Emulator.ServeJwks("app", new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) }.ToJsonString()).ToString());
        Emulator.ServeJwks("app", new JsonObject { ["keys"] = new JsonArray(other.PublicJwk()) }.ToJsonString());

        await AssertOAuthErrorAsync(await TokenAsync(AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow))), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials", $"no registered public key has kid '{key.Kid}'");
    }

    [Fact]
    public async Task AJwksUriThatAnswersAnErrorRefusesTheTokenNamingTheStatus()
    {
        using var key = SigningKey.Create("RS256");
        var id = await CreateJwksClientAsync(new Uri(Emulator.BaseUrl, "/_emulator/jwks/missing").ToString());

        await AssertOAuthErrorAsync(await TokenAsync(AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow))), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials", "answered 404");
    }

    [Fact]
    public async Task AJwksUriNothingListensOnRefusesTheTokenWithinTheTimeout()
    {
        using var key = SigningKey.Create("RS256");
        var id = await CreateJwksClientAsync("http://127.0.0.1:9/jwks.json");

        await AssertOAuthErrorAsync(await TokenAsync(AssertionBody(id, key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow))), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials", "fetching http://127.0.0.1:9/jwks.json");
    }

    [Fact]
    public async Task AJwksUriOffTheMachineIsRefusedAtRegistration()
    {
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["jwksUri"] = "https://keys.example.com/jwks.json";

        var response = await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("loopback", await response.Content.ReadAsStringAsync());
    }
}
