using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Cors;

/// <summary>CORS on the REST API as a browser meets it: preflight, then the call with an impersonation token.</summary>
public sealed class CorsTests : EmulatorTest
{
    private const string App = "https://custom-app.com";

    protected override EmulatorOptions Options => new() { OriginNotAllowedTitle = "Origin refused (test wording)" };

    private async Task<string> AliceTokenAsync(params string[] allowedOrigins)
    {
        var body = WebClient(scopes: ["user_default"], grants: ["urn:qlik:oauth:user-impersonation"]);
        body["allowedOrigins"] = Strings(allowedOrigins);
        var client = await CreateClientAsync(body);
        return await AccessTokenAsync(Impersonation((string)client["clientId"]!, (string)client["clientSecret"]!, "userId", EmulatorDefaults.AliceId));
    }

    private async Task AllowInCspAsync(string origin) =>
        Assert.Equal(HttpStatusCode.Created, (await AdminAsync(HttpMethod.Post, "/api/v1/csp-origins", new JsonObject { ["origin"] = origin, ["connectSrc"] = true }.ToJsonString())).StatusCode);

    private Task<HttpResponseMessage> PreflightAsync(string origin) =>
        SendAsync(HttpMethod.Options, "/api/v1/users/me", headers: new Dictionary<string, string>
        {
            ["Origin"] = origin, ["Access-Control-Request-Method"] = "GET", ["Access-Control-Request-Headers"] = "authorization",
        });

    private Task<HttpResponseMessage> MeFromAsync(string origin, string token) =>
        SendAsync(HttpMethod.Get, "/api/v1/users/me", bearer: token, headers: new Dictionary<string, string> { ["Origin"] = origin });

    private static string? AllowOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;

    [Fact]
    public async Task AnOriginInAllowedOriginsAndTheCspListIsLetIn()
    {
        var token = await AliceTokenAsync(App);
        await AllowInCspAsync("custom-app.com");

        var preflight = await PreflightAsync(App);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(App, AllowOrigin(preflight));
        Assert.Contains("authorization", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);

        var me = await MeFromAsync(App, token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(App, AllowOrigin(me));
        Assert.Equal("Alice", (string?)(await JsonAsync(me))["name"]);
    }

    [Fact]
    public async Task AnOriginMissingFromAllowedOriginsIsRefusedWithOauth29()
    {
        var token = await AliceTokenAsync("https://other-app.com");
        await AllowInCspAsync(App);

        var preflight = await PreflightAsync(App);
        var refusal = await AssertErrorAsync(preflight, HttpStatusCode.Forbidden, "OAUTH-29", "allowedOrigins");
        Assert.Equal("Origin refused (test wording)", (string?)refusal["title"]);
        Assert.Null(AllowOrigin(preflight));
        var me = await MeFromAsync(App, token);
        await AssertErrorAsync(me, HttpStatusCode.Forbidden, "OAUTH-29", App);
        Assert.Null(AllowOrigin(me));
    }

    [Fact]
    public async Task AnOriginMissingFromTheCspListIsRefusedWhileTheTenantDemandsIt()
    {
        var token = await AliceTokenAsync(App);
        await AssertErrorAsync(await MeFromAsync(App, token), HttpStatusCode.Forbidden, "OAUTH-29", "Content Security Policy");

        Emulator.SetRequireCspOriginForCors(false);
        var me = await MeFromAsync(App, token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(App, AllowOrigin(me));
    }

    [Fact]
    public async Task TheTokensOwnClientDecidesNotAnotherClientThatListsTheOrigin()
    {
        var token = await AliceTokenAsync("https://other-app.com");
        await AliceTokenAsync(App);
        await AllowInCspAsync(App);
        Assert.Equal(HttpStatusCode.NoContent, (await PreflightAsync(App)).StatusCode);
        await AssertErrorAsync(await MeFromAsync(App, token), HttpStatusCode.Forbidden, "OAUTH-29");
    }

    [Fact]
    public async Task ApiKeysAndMachineTokensGetNoCors()
    {
        await AliceTokenAsync(App);
        await AllowInCspAsync(App);
        await AssertErrorAsync(await MeFromAsync(App, Emulator.AdminApiKey), HttpStatusCode.Forbidden, "OAUTH-29");
        await AssertErrorAsync(await MeFromAsync(App, await AdminTokenAsync()), HttpStatusCode.Forbidden, "OAUTH-29");
    }

    [Fact]
    public async Task ARevokedTokensRefusalIsReadableToAnAdmittedOrigin()
    {
        var token = await AliceTokenAsync(App);
        await AllowInCspAsync(App);
        Emulator.InvalidateAllTokens();
        var me = await MeFromAsync(App, token);
        await AssertErrorAsync(me, HttpStatusCode.Unauthorized);
        Assert.Equal(App, AllowOrigin(me));
    }

    [Fact]
    public async Task RequestsWithoutAnOriginAreUntouched()
    {
        var token = await AliceTokenAsync("https://other-app.com");
        var me = await GetAsync("/api/v1/users/me", token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Null(AllowOrigin(me));
    }
}
