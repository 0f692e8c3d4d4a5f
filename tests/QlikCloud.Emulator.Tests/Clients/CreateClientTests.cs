using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class CreateClientTests : EmulatorTest
{
    [Fact]
    public async Task WebClientGetsIdSecretAndReadModel()
    {
        var client = await CreateClientAsync(WebClient("m2m"));
        var id = (string)client["clientId"]!;
        var secret = (string)client["clientSecret"]!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(secret.Length >= 40);
        var listed = Assert.Single(client["clientSecrets"]!.AsArray())!;
        Assert.Equal(secret[^5..], (string)listed["hint"]!);
        Assert.NotNull(listed["createdAt"]);
        Assert.Equal(EmulatorDefaults.AdminUserId, (string)listed["createdBy"]!);
        Assert.Equal(["client_secret"], client["allowedAuthMethods"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("trusted", (string)client["connectionConfig"]!["consentMethod"]!);
        Assert.Equal(EmulatorDefaults.AdminUserId, (string)client["ownerId"]!);
        Assert.Equal(EmulatorDefaults.TenantId, (string)client["tenantId"]!);
        Assert.Equal("user", (string)client["createdByType"]!);
        Assert.NotNull(client["createdAt"]);
        Assert.NotNull(client["updatedAt"]);
    }

    [Fact]
    public async Task ReadsNeverShowTheSecret()
    {
        var created = await CreateClientAsync(WebClient());
        var secret = (string)created["clientSecret"]!;
        var get = await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{created["clientId"]}");
        var list = await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients");
        Assert.DoesNotContain(secret, await get.Content.ReadAsStringAsync());
        Assert.DoesNotContain(secret, await list.Content.ReadAsStringAsync());
        Assert.Null((await JsonAsync(get))["clientSecret"]);
    }

    [Fact]
    public async Task ConsentIsRequiredWhenNotSetAtCreation()
    {
        var client = await CreateClientAsync(WebClient(trusted: false));
        Assert.Equal("required", (string)client["connectionConfig"]!["consentMethod"]!);
    }

    [Fact]
    public async Task SpaClientHasNoSecret()
    {
        var client = await CreateClientAsync(new JsonObject { ["appType"] = "spa", ["clientName"] = "spa", ["redirectUris"] = Strings("https://app.example.com/cb") });
        Assert.Null(client["clientSecret"]);
        Assert.Empty(client["allowedAuthMethods"]!.AsArray());
    }

    [Fact]
    public async Task JwksUriIsAccepted()
    {
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["jwksUri"] = "https://keys.example.com/jwks.json";
        var client = await CreateClientAsync(body);
        Assert.Equal("https://keys.example.com/jwks.json", (string)client["jwksUri"]!);
        Assert.Null(client["clientSecret"]);
    }

    [Fact]
    public async Task WebImpersonationClientMayHaveAllowedOrigins()
    {
        var body = WebClient(grants: ["urn:qlik:oauth:user-impersonation"]);
        body["allowedOrigins"] = Strings("https://custom-app.com");
        var client = await CreateClientAsync(body);
        Assert.Equal("https://custom-app.com", (string)client["allowedOrigins"]![0]!);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"clientName":"x"}""", "appType is required")]
    [InlineData("""{"appType":"desktop","clientName":"x"}""", "appType must be one of")]
    [InlineData("""{"appType":"web"}""", "clientName is required")]
    [InlineData("""{"appType":"web","clientName":""}""", "clientName must not be empty")]
    [InlineData("""{"appType":"web","clientName":42}""", "clientName must be a string")]
    [InlineData("""{"appType":"web","clientName":"x","colour":"red"}""", "unknown field 'colour'")]
    [InlineData("""{"appType":"web","clientName":"x","clientId":"abc"}""", "unknown field 'clientId'")]
    [InlineData("""{"appType":"web","clientName":"x","clientUri":"not a uri"}""", "clientUri must be an absolute URL")]
    [InlineData("""{"appType":"web","clientName":"x","redirectUris":"https://a.example"}""", "redirectUris must be an array")]
    [InlineData("""{"appType":"web","clientName":"x","redirectUris":["https://1.example","https://2.example","https://3.example","https://4.example","https://5.example","https://6.example"]}""", "at most 5")]
    [InlineData("""{"appType":"web","clientName":"x","allowedOrigins":["https://1.example","https://2.example","https://3.example","https://4.example","https://5.example","https://6.example"]}""", "allowedOrigins has 6 items")]
    [InlineData("""{"appType":"web","clientName":"x","allowedScopes":["user default"]}""", "allowedScopes[0]")]
    [InlineData("""{"appType":"web","clientName":"x","allowedScopes":["user_default","user_default"]}""", "duplicate")]
    [InlineData("""{"appType":"web","clientName":"x","allowedGrantTypes":["authorization_code"]}""", "allowedGrantTypes[0]")]
    [InlineData("""{"appType":"web","clientName":"x","allowedGrantTypes":["refresh_token"]}""", "allowedGrantTypes[0]")]
    [InlineData("""{"appType":"spa","clientName":"x","allowedGrantTypes":["client_credentials"]}""", "only allowed for appType web")]
    [InlineData("""{"appType":"native","clientName":"x","allowedAuthMethods":["client_secret"]}""", "only allowed for appType web")]
    [InlineData("""{"appType":"web","clientName":"x","allowedAuthMethods":["password"]}""", "allowedAuthMethods[0]")]
    [InlineData("""{"appType":"web","clientName":"x","allowedAuthMethods":[]}""", "at least one")]
    [InlineData("""{"appType":"web","clientName":"x","allowedAuthMethods":["private_key_jwt"]}""", "publicKeys is required")]
    [InlineData("""{"appType":"web","clientName":"x","jwksUri":"http://keys.example/jwks"}""", "jwksUri must be an absolute https URL")]
    [InlineData("""{"appType":"web","clientName":"x","connectionConfig":{"consentMethod":"required"}}""", "only value accepted at creation")]
    [InlineData("""{"appType":"web","clientName":"x","connectionConfig":{"consentMethod":"trusted","extra":1}}""", "connectionConfig.extra")]
    [InlineData("""{"appType":"web","clientName":"x","connectionConfig":"trusted"}""", "connectionConfig must be an object")]
    [InlineData("""{"appType":"web","clientName":"x","publicKeys":{"kid":"a"}}""", "publicKeys must be an array")]
    public async Task InvalidBodyIs400NamingTheRule(string body, string detail)
    {
        var error = await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body), HttpStatusCode.BadRequest, "HTTP-400", detail);
        Assert.Equal(400, error["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("clientName", 512)]
    [InlineData("description", 4096)]
    [InlineData("clientUri", 2048)]
    [InlineData("logoUri", 2048)]
    public async Task TextLongerThanItsLimitIs400(string field, int limit)
    {
        var body = WebClient();
        body[field] = field.EndsWith("Uri", StringComparison.Ordinal) ? "https://e.example/" + new string('a', limit) : new string('a', limit + 1);
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString()), HttpStatusCode.BadRequest, detailContains: $"{field} is longer than {limit}");
        body[field] = field.EndsWith("Uri", StringComparison.Ordinal) ? "https://e.example/" + new string('a', limit - 18) : new string('a', limit);
        Assert.Equal(HttpStatusCode.Created, (await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString())).StatusCode);
    }

    [Fact]
    public async Task UriListItemOver256CharactersIs400()
    {
        var body = WebClient();
        body["redirectUris"] = Strings("https://e.example/" + new string('a', 240));
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString()), HttpStatusCode.BadRequest, detailContains: "redirectUris[0] is longer than 256");
    }

    [Fact]
    public async Task GetUnknownClientIs404()
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients/0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound, "HTTP-404");
    }
}
