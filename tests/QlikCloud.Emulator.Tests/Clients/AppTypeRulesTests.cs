using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

/// <summary>Section 8.1 of the API notes: what each app type takes at create and by patch, and what it refuses with 400.</summary>
public sealed class AppTypeRulesTests : EmulatorTest
{
    [Theory]
    [InlineData("""{"appType":"native","clientName":"x","redirectUris":["http://127.0.0.1:8765/cb"]}""")]
    [InlineData("""{"appType":"spa","clientName":"x","redirectUris":["http://localhost:5173/cb"],"allowedOrigins":["http://localhost:5173"]}""")]
    [InlineData("""{"appType":"anonymous-embed","clientName":"x","allowedOrigins":["https://embed.example.com"]}""")]
    [InlineData("""{"appType":"web","clientName":"x","redirectUris":["https://portal.example.com/cb"],"allowedGrantTypes":[]}""")]
    public async Task EveryAppTypeIsCreatedWithWhatItTakes(string body)
    {
        var response = await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var client = (JsonObject)await JsonAsync(response);
        Assert.Equal((string)JsonNode.Parse(body)!["appType"]!, (string)client["appType"]!);
        Assert.Equal((string)client["appType"]! == "web", client["clientSecret"] is not null);
    }

    [Theory]
    [InlineData("""{"appType":"anonymous-embed","clientName":"x","redirectUris":["https://embed.example.com/cb"]}""", "redirectUris is not allowed for appType anonymous-embed")]
    [InlineData("""{"appType":"spa","clientName":"x","jwksUri":"https://keys.example.com/jwks.json"}""", "jwksUri is only allowed for appType web")]
    [InlineData("""{"appType":"native","clientName":"x","jwksUri":"https://keys.example.com/jwks.json"}""", "jwksUri is only allowed for appType web")]
    [InlineData("""{"appType":"anonymous-embed","clientName":"x","connectionConfig":{"consentMethod":"trusted"}}""", "consentMethod trusted is not allowed for appType anonymous-embed")]
    public async Task WhatAnAppTypeDoesNotTakeIs400(string body, string detail)
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body), HttpStatusCode.BadRequest, "HTTP-400", detail);
    }

    [Fact]
    public async Task APatchIsHeldToTheSameRulesAndHasNoAppTypePath()
    {
        var created = (JsonObject)await JsonAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", """{"appType":"anonymous-embed","clientName":"x"}"""));
        string path = $"/api/v1/oauth-clients/{(string)created["clientId"]!}";

        await AssertErrorAsync(await AdminAsync(HttpMethod.Patch, path, """[{"op":"replace","path":"/redirectUris","value":["https://embed.example.com/cb"]}]"""), HttpStatusCode.BadRequest, "HTTP-400", "redirectUris is not allowed");
        await AssertErrorAsync(await AdminAsync(HttpMethod.Patch, path, """[{"op":"replace","path":"/appType","value":"web"}]"""), HttpStatusCode.BadRequest, "HTTP-400");
    }

    [Theory]
    [InlineData("native")]
    [InlineData("spa")]
    [InlineData("anonymous-embed")]
    public async Task APublicClientGetsNoSecret(string appType)
    {
        string id = await CreateAsync(appType);

        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, $"/api/v1/oauth-clients/{id}/client-secrets"), HttpStatusCode.BadRequest, "HTTP-400", $"client secrets are only allowed for appType web, not {appType}");
    }

    [Theory]
    [InlineData("native", HttpStatusCode.NoContent, HttpStatusCode.Created)]
    [InlineData("spa", HttpStatusCode.NoContent, HttpStatusCode.Created)]
    [InlineData("anonymous-embed", HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)]
    public async Task OnlyAClientThatSignsPeopleInIsTrustedOrPublished(string appType, HttpStatusCode trusted, HttpStatusCode published)
    {
        string path = $"/api/v1/oauth-clients/{await CreateAsync(appType)}";

        Assert.Equal(trusted, (await AdminAsync(HttpMethod.Patch, path + "/connection-configs/me", """[{"op":"replace","path":"/consentMethod","value":"trusted"}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Patch, path + "/connection-configs/me", """[{"op":"replace","path":"/consentMethod","value":"required"}]""")).StatusCode);
        Assert.Equal(published, (await AdminAsync(HttpMethod.Post, path + "/actions/publish")).StatusCode);
    }

    private async Task<string> CreateAsync(string appType)
    {
        string redirect = appType == "anonymous-embed" ? string.Empty : ""","redirectUris":["http://127.0.0.1:8765/cb"]""";
        var created = (JsonObject)await JsonAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", $$"""{"appType":"{{appType}}","clientName":"x"{{redirect}}}"""));
        return (string)created["clientId"]!;
    }
}
