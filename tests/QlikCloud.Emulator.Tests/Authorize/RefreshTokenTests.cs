using System.Net;
using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.Tests.Authorize;

/// <summary>The refresh_token grant and /oauth/revoke for refresh tokens (section 8.2).</summary>
public sealed class RefreshTokenTests : SignInTestBase
{
    [Fact]
    public async Task EachRefreshAnswersANewRefreshTokenAndTheOldOneIsRefused()
    {
        var clientId = await CreateSignInClientAsync();
        var first = await TokensAsync(await ExchangeAsync(clientId, await CodeAsync(clientId)));
        var second = await TokensAsync(await RefreshAsync((string)first["refresh_token"]!));

        Assert.NotEqual((string?)first["refresh_token"], (string?)second["refresh_token"]);
        Assert.NotEqual((string?)first["access_token"], (string?)second["access_token"]);
        var me = await JsonAsync(await GetAsync("/api/v1/users/me", (string)second["access_token"]!));
        Assert.Equal(EmulatorDefaults.AliceId, (string?)me["id"]);
        await AssertOAuthErrorAsync(await RefreshAsync((string)first["refresh_token"]!), HttpStatusCode.Unauthorized, "OAUTH-9", "Invalid grant", "already used");
        await TokensAsync(await RefreshAsync((string)second["refresh_token"]!));
    }

    [Fact]
    public async Task ARevokedRefreshTokenIsRefused()
    {
        var clientId = await CreateSignInClientAsync();
        var tokens = await TokensAsync(await ExchangeAsync(clientId, await CodeAsync(clientId)));
        var revoke = new JsonObject { ["token"] = (string)tokens["refresh_token"]!, ["token_type_hint"] = "refresh_token" };

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/oauth/revoke", revoke.ToJsonString())).StatusCode);

        await AssertOAuthErrorAsync(await RefreshAsync((string)tokens["refresh_token"]!), HttpStatusCode.Unauthorized, "OAUTH-9", "Invalid grant", "revoked");
    }

    [Fact]
    public async Task NoRefreshTokenWithoutOfflineAccessOrForASinglePageApp()
    {
        var native = await CreateSignInClientAsync();
        Assert.Null((await TokensAsync(await ExchangeAsync(native, await CodeAsync(native, scope: "user_default"))))["refresh_token"]);
        var spa = await CreateSignInClientAsync(appType: "spa");
        Assert.Null((await TokensAsync(await ExchangeAsync(spa, await CodeAsync(spa))))["refresh_token"]);
    }

    [Fact]
    public async Task AWebClientsSecretIsCheckedWhenSent()
    {
        var body = new JsonObject { ["appType"] = "web", ["clientName"] = "web sign-in", ["redirectUris"] = Strings(Redirect), ["allowedScopes"] = Strings("user_default", "offline_access") };
        var client = await CreateClientAsync(body);
        var clientId = (string)client["clientId"]!;
        var exchange = new JsonObject
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = await CodeAsync(clientId), ["redirect_uri"] = Redirect,
            ["code_verifier"] = Verifier, ["client_secret"] = "wrong",
        };
        await AssertOAuthErrorAsync(await TokenAsync(exchange), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials");

        exchange["code"] = await CodeAsync(clientId);
        exchange["client_secret"] = (string)client["clientSecret"]!;
        var tokens = await TokensAsync(await TokenAsync(exchange));
        var refresh = new JsonObject { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)tokens["refresh_token"]!, ["client_secret"] = (string)client["clientSecret"]! };
        await TokensAsync(await TokenAsync(refresh));
    }
}

/// <summary>The unconfirmed loopback-port rule of RFC 8252 7.3, as a setting.</summary>
public sealed class AnyLoopbackPortTests : SignInTestBase
{
    protected override EmulatorOptions Options => new() { EnableTestControls = true, AcceptAnyLoopbackPort = true };

    [Fact]
    public async Task WithTheSettingALoopbackRedirectMayUseAnotherPort()
    {
        var clientId = await CreateSignInClientAsync();
        const string otherPort = "http://127.0.0.1:50123/callback";
        Assert.True(RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId, redirect: otherPort)), otherPort).ContainsKey("code"));
        await AssertErrorAsync(await BrowseAsync(AuthorizeQuery(clientId, redirect: "http://127.0.0.1:50123/other")), HttpStatusCode.BadRequest, "OAUTH-12");
    }
}
