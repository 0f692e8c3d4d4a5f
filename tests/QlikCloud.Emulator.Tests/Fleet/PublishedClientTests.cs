using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Fleet;

/// <summary>Section 8.3: a client published on one tenant keeps its id and credential on every tenant of the region.</summary>
public sealed class PublishedClientTests : FleetTest
{
    [Fact]
    public async Task APublishedClientGetsATokenOnEveryTenantThatTrustsItAndConsentRequiredElsewhere()
    {
        var (id, secret) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        await TrustAsync(1, id);

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(0, ClientCredentials(id, secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(1, ClientCredentials(id, secret))).StatusCode);
        var refused = await TokenAsync(2, ClientCredentials(id, secret));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("OAUTH-5", await ErrorCodeAsync(refused));
    }

    [Fact]
    public async Task AnUnpublishedClientIsUnknownOnTheOtherTenantsEvenToTheirConnectionConfig()
    {
        var (id, secret) = await CreateM2MAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(1, HttpMethod.Get, $"/api/v1/oauth-clients/{id}/connection-configs/me")).StatusCode);
        Assert.Equal("OAUTH-14", await ErrorCodeAsync(await TokenAsync(1, ClientCredentials(id, secret))));
    }

    [Fact]
    public async Task EachTenantKeepsItsOwnConnectionConfig()
    {
        var (id, _) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        await TrustAsync(1, id);
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(0, HttpMethod.Delete, $"/api/v1/oauth-clients/{id}/connection-configs/me")).StatusCode);

        async Task<string?> Consent(int tenant) =>
            (string?)(await JsonAsync(await AdminAsync(tenant, HttpMethod.Get, $"/api/v1/oauth-clients/{id}/connection-configs/me")))["consentMethod"];
        Assert.Equal<string?[]>(["required", "trusted", "required"], [await Consent(0), await Consent(1), await Consent(2)]);
        Assert.Equal("required", (string?)(await JsonAsync(await AdminAsync(0, HttpMethod.Get, $"/api/v1/oauth-clients/{id}")))["connectionConfig"]!["consentMethod"]);
    }

    [Fact]
    public async Task ATokenIsItsTenantsOwnAndActsAsThatTenantsBot()
    {
        var (id, secret) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        await TrustAsync(1, id);
        var response = await TokenAsync(1, ClientCredentials(id, secret));
        var token = (string)(await JsonAsync(response))["access_token"]!;

        var me = await JsonAsync(await SendAsync(1, HttpMethod.Get, "/api/v1/users/me", bearer: token));
        Assert.Equal(Fleet.Tenants[1].TenantId, (string?)me["tenantId"]);
        Assert.Equal($"qlikbot\\{id}", (string?)me["subject"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(0, HttpMethod.Get, "/api/v1/users/me", bearer: token)).StatusCode);
    }

    [Fact]
    public async Task APrivateKeyJwtAssertionMustNameTheTokenUrlOfTheTenantItIsSentTo()
    {
        using var key = SigningKey.Create("RS256");
        var body = M2MBody();
        body["allowedAuthMethods"] = new JsonArray("private_key_jwt");
        body["publicKeys"] = new JsonArray(key.PublicJwk());
        var id = (string)(await CreateClientAsync(0, body))["clientId"]!;
        await PublishAsync(0, id);
        await TrustAsync(1, id);
        JsonObject Assertion(int audienceTenant) => new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = key.Assertion(id, Url(audienceTenant, "/oauth/token"), DateTimeOffset.UtcNow),
        };

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(1, Assertion(1))).StatusCode);
        var refused = await TokenAsync(1, Assertion(0));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("OAUTH-3", await ErrorCodeAsync(refused));
    }

    [Fact]
    public async Task ASecretRotatedAtHomeIsTheCredentialEverywhere()
    {
        var (id, oldSecret) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        await TrustAsync(1, id);
        var added = await JsonAsync(await AdminAsync(0, HttpMethod.Post, $"/api/v1/oauth-clients/{id}/client-secrets"));
        var oldHint = oldSecret[^5..];
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(0, HttpMethod.Delete, $"/api/v1/oauth-clients/{id}/client-secrets/{oldHint}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(1, ClientCredentials(id, (string)added["clientSecret"]!))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(1, ClientCredentials(id, oldSecret))).StatusCode);
    }

    [Fact]
    public async Task DeletingThePublishedClientAtHomeEndsItOnEveryTenant()
    {
        var (id, secret) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        await TrustAsync(1, id);
        var token = (string)(await JsonAsync(await TokenAsync(1, ClientCredentials(id, secret))))["access_token"]!;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, Url(0, $"/api/v1/oauth-clients/{id}"));
        delete.Headers.Authorization = new("Bearer", Fleet.Tenants[0].AdminApiKey);
        delete.Headers.Add("qlik-confirm-delete", id);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(delete)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(1, HttpMethod.Get, "/api/v1/users/me", bearer: token)).StatusCode);
        Assert.Equal("OAUTH-14", await ErrorCodeAsync(await TokenAsync(1, ClientCredentials(id, secret))));
    }

    [Fact]
    public async Task ResettingTheHomeTenantWithdrawsItsPublishedClients()
    {
        var (id, secret) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        Fleet.Tenants[0].Reset();
        Assert.Equal("OAUTH-14", await ErrorCodeAsync(await TokenAsync(1, ClientCredentials(id, secret))));
    }

    /// <summary>Section 8.5 question 7 is open: the emulator neither lists nor serves a client to other tenants (see EmulatorOptions).</summary>
    [Fact]
    public async Task APublishedClientIsNeitherListedNorReadNorChangedOnOtherTenants()
    {
        var (id, _) = await CreateM2MAsync(0);
        await PublishAsync(0, id);
        Assert.Empty((await JsonAsync(await AdminAsync(1, HttpMethod.Get, "/api/v1/oauth-clients")))["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(1, HttpMethod.Get, $"/api/v1/oauth-clients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(1, HttpMethod.Patch, $"/api/v1/oauth-clients/{id}", """[{"op":"replace","path":"/clientName","value":"x"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(1, HttpMethod.Post, $"/api/v1/oauth-clients/{id}/client-secrets")).StatusCode);
    }

    [Fact]
    public async Task APersonSignsInOnAnotherTenantWithAPublishedNativeClient()
    {
        var body = new JsonObject
        {
            ["appType"] = "native", ["clientName"] = "published sign-in",
            ["redirectUris"] = new JsonArray("http://127.0.0.1:8765/callback"), ["allowedScopes"] = new JsonArray("user_default"),
        };
        var id = (string)(await CreateClientAsync(0, body))["clientId"]!;
        var query = $"/oauth/authorize?client_id={id}&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&response_type=code&scope=user_default"
            + "&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(Url(1, query))).StatusCode);
        await PublishAsync(0, id);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Url(1, query))).StatusCode);
    }
}
