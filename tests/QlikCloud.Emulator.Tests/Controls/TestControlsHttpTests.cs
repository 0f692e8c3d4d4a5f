using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Controls;

public sealed class TestControlsHttpTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { EnableTestControls = true };

    private Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, string? json = null) => SendAsync(method, "/_emulator" + path, json);

    [Fact]
    public async Task ControlsAre404WhenDisabled()
    {
        await using var plain = await TenantEmulator.StartAsync();
        using var http = new HttpClient();
        var response = await http.PostAsync($"{plain.BaseUrl}/_emulator/reset", null);
        await AssertErrorAsync(response, HttpStatusCode.NotFound, "HTTP-404");
    }

    [Fact]
    public async Task UnknownControlIs404AndWrongMethodIs405()
    {
        await AssertErrorAsync(await ControlAsync(HttpMethod.Post, "/nothing"), HttpStatusCode.NotFound);
        await AssertErrorAsync(await ControlAsync(HttpMethod.Get, "/reset"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task RequestsControlListsAndClearsAndIsNotItselfLogged()
    {
        await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
        var listed = (await JsonAsync(await ControlAsync(HttpMethod.Get, "/requests"))).AsArray();
        var entry = Assert.Single(listed)!;
        Assert.Equal("/api/v1/users/me", (string)entry["path"]!);
        Assert.Equal(200, (int)entry["status"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Delete, "/requests")).StatusCode);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task ResetControlForgetsClients()
    {
        await CreateM2MAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/reset")).StatusCode);
        Assert.Empty((await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients")))["data"]!.AsArray());
    }

    [Fact]
    public async Task UsersControlAddsAUser()
    {
        var response = await ControlAsync(HttpMethod.Post, "/users", """{"id":"6500000000000000000000f1","subject":"auth0|frank","email":"frank@example.com","name":"Frank","status":"active","roles":[]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/6500000000000000000000f1")).StatusCode);
        await AssertErrorAsync(await ControlAsync(HttpMethod.Post, "/users", """{"id":"6500000000000000000000f1","subject":"x"}"""), HttpStatusCode.Conflict);
        await AssertErrorAsync(await ControlAsync(HttpMethod.Post, "/users", "{bad"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task FaultsControlArmsAFault()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/faults", """{"pathPrefix":"/api/v1/users","status":503,"retryAfterSeconds":2}""")).StatusCode);
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me"), HttpStatusCode.ServiceUnavailable);
        await AssertErrorAsync(await ControlAsync(HttpMethod.Post, "/faults", """{"pathPrefix":"nope","status":503}"""), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RateLimitsControlAppliesLimits()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/rate-limits", """{"tier1Limit":1,"tier2Limit":1,"windowSeconds":30}""")).StatusCode);
        await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ConsentRuleControlSwitchesTheRule()
    {
        var (id, secret) = await CreateM2MAsync(trusted: false);
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/consent-rule", """{"requireTrustedConsent":false}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
    }

    [Fact]
    public async Task CorsRuleControlSwitchesTheCspHalfOfTheRule()
    {
        var client = WebClient(scopes: ["user_default"], grants: ["urn:qlik:oauth:user-impersonation"]);
        client["allowedOrigins"] = Strings("https://custom-app.com");
        var created = await CreateClientAsync(client);
        var token = await AccessTokenAsync(Impersonation((string)created["clientId"]!, (string)created["clientSecret"]!, "userId", EmulatorDefaults.AliceId));
        var fromApp = new Dictionary<string, string> { ["Origin"] = "https://custom-app.com" };
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/v1/users/me", bearer: token, headers: fromApp), HttpStatusCode.Forbidden, "OAUTH-29");

        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/cors-rule", """{"requireCspOriginForCors":false}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/users/me", bearer: token, headers: fromApp)).StatusCode);
    }

    [Fact]
    public async Task TokenFilterControlListsEveryUsersTokensWhateverTheUserIdUntilReset()
    {
        var (id, secret) = await CreateM2MAsync(scopes: ["user_default"], grants: ["urn:qlik:oauth:user-impersonation"]);
        await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AliceId));
        await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.BobId));
        string aliceOnly = $"/api/v1/oauth-tokens?userId={EmulatorDefaults.AliceId}";
        Assert.Single((await JsonAsync(await AdminAsync(HttpMethod.Get, aliceOnly)))["data"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/oauth-tokens-filter", """{"ignoreUserId":true}""")).StatusCode);
        Assert.Equal(2, (await JsonAsync(await AdminAsync(HttpMethod.Get, aliceOnly)))["data"]!.AsArray().Count);

        Emulator.Reset();
        var (again, againSecret) = await CreateM2MAsync(scopes: ["user_default"], grants: ["urn:qlik:oauth:user-impersonation"]);
        await AccessTokenAsync(Impersonation(again, againSecret, "userId", EmulatorDefaults.BobId));
        Assert.Empty((await JsonAsync(await AdminAsync(HttpMethod.Get, aliceOnly)))["data"]!.AsArray());
    }

    [Fact]
    public async Task InvalidateControlKillsTokens()
    {
        var token = await AdminTokenAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync(HttpMethod.Post, "/tokens/invalidate")).StatusCode);
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ControlsAreNeitherFaultedNorRateLimited()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/", Status = 500, Count = 10 });
        Assert.Equal(HttpStatusCode.OK, (await ControlAsync(HttpMethod.Get, "/requests")).StatusCode);
        Assert.IsType<JsonArray>(await JsonAsync(await ControlAsync(HttpMethod.Get, "/requests")));
    }
}
