using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class RevokeAndInvalidateTests : EmulatorTest
{
    private Task<HttpResponseMessage> RevokeAsync(JsonObject body) => SendAsync(HttpMethod.Post, "/oauth/revoke", body.ToJsonString());

    [Fact]
    public async Task RevokedTokenAnswers401()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));
        var body = new JsonObject { ["token"] = token, ["token_type_hint"] = "access_token", ["client_id"] = id, ["client_secret"] = secret };
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(body)).StatusCode);
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokeWithJustTheTokenWorks()
    {
        var token = await AdminTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(new JsonObject { ["token"] = token })).StatusCode);
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownTokenIs200()
    {
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(new JsonObject { ["token"] = "never-issued" })).StatusCode);
    }

    [Fact]
    public async Task MissingTokenIsOAuth1()
    {
        await AssertOAuthErrorAsync(await RevokeAsync(new JsonObject { ["token_type_hint"] = "access_token" }), HttpStatusCode.BadRequest, "OAUTH-1", "Invalid request", "token");
    }

    [Fact]
    public async Task WrongClientSecretIsOAuth3()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));
        await AssertOAuthErrorAsync(await RevokeAsync(new JsonObject { ["token"] = token, ["client_id"] = id, ["client_secret"] = "wrong" }), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", token)).StatusCode);
    }

    [Fact]
    public async Task AnotherClientCannotRevokeTheToken()
    {
        var (id, secret) = await CreateM2MAsync();
        var (otherId, otherSecret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(new JsonObject { ["token"] = token, ["client_id"] = otherId, ["client_secret"] = otherSecret })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", token)).StatusCode);
    }

    [Fact]
    public async Task InvalidateAllTokensMakesIssuedTokens401ButNotTheApiKey()
    {
        var first = await AdminTokenAsync();
        var second = await AdminTokenAsync();
        Emulator.InvalidateAllTokens();
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", first), HttpStatusCode.Unauthorized);
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", second), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", Emulator.AdminApiKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", await AdminTokenAsync())).StatusCode);
    }
}
