using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class ConsentRuleTests : EmulatorTest
{
    [Theory]
    [InlineData("client_credentials")]
    [InlineData("urn:qlik:oauth:user-impersonation")]
    public async Task ConsentRequiredIsOAuth5(string grant)
    {
        var (id, secret) = await CreateM2MAsync(grants: [grant], trusted: false);
        var body = grant == "client_credentials" ? ClientCredentials(id, secret) : Impersonation(id, secret, "subject", EmulatorDefaults.AliceSubject);
        await AssertOAuthErrorAsync(await TokenAsync(body), HttpStatusCode.Forbidden, "OAUTH-5", "Consent required", "trusted");
    }

    [Fact]
    public async Task TrustingTheClientThroughConnectionConfigsLetsTokensThrough()
    {
        var (id, secret) = await CreateM2MAsync(trusted: false);
        await AdminAsync(HttpMethod.Patch, $"/api/v1/oauth-clients/{id}/connection-configs/me", """[{"op":"replace","path":"/consentMethod","value":"trusted"}]""");
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
    }

    [Fact]
    public async Task SwitchingTheRuleOffIssuesWithoutTrust()
    {
        var (id, secret) = await CreateM2MAsync(trusted: false);
        Emulator.SetRequireTrustedConsent(false);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
        Emulator.SetRequireTrustedConsent(true);
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(id, secret)), HttpStatusCode.Forbidden, "OAUTH-5", "Consent required");
    }

    [Fact]
    public async Task OptionTurnsTheRuleOffFromStart()
    {
        await using var emulator = await TenantEmulator.StartAsync(new EmulatorOptions { RequireTrustedConsent = false });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", emulator.AdminApiKey);
        var created = System.Text.Json.Nodes.JsonNode.Parse(await (await http.PostAsync($"{emulator.BaseUrl}/api/v1/oauth-clients",
            new StringContent(WebClient(trusted: false).ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        var token = await http.PostAsync($"{emulator.BaseUrl}/oauth/token",
            new StringContent(ClientCredentials((string)created["clientId"]!, (string)created["clientSecret"]!).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
