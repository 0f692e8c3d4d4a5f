using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class ClientCredentialsTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { Clock = Clock };

    [Fact]
    public async Task TokenResponseHasTheDocumentedShape()
    {
        var (id, secret) = await CreateM2MAsync();
        var response = await TokenAsync(ClientCredentials(id, secret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (JsonObject)await JsonAsync(response);
        Assert.True(((string)body["access_token"]!).Length >= 32);
        Assert.Equal("bearer", (string)body["token_type"]!);
        Assert.Equal(21600, (int)body["expires_in"]!);
        Assert.Equal(Clock.GetUtcNow().AddSeconds(21600), DateTimeOffset.Parse((string)body["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("admin_classic user_default", (string)body["scope"]!);
        Assert.Null(body["refresh_token"]);
    }

    [Fact]
    public async Task FirstTokenCreatesTheBotUserShownByUsersMe()
    {
        var created = await CreateClientAsync(WebClient("my m2m"));
        var (id, secret) = ((string)created["clientId"]!, (string)created["clientSecret"]!);
        var me = await JsonAsync(await GetAsync("/api/v1/users/me", await AccessTokenAsync(ClientCredentials(id, secret))));
        Assert.Equal($"qlikbot\\{id}", (string)me["subject"]!);
        Assert.Equal("my m2m", (string)me["name"]!);
        Assert.Contains("TenantAdmin", me["roles"]!.AsArray().Select(r => (string)r!));
        var again = await JsonAsync(await GetAsync("/api/v1/users/me", await AccessTokenAsync(ClientCredentials(id, secret))));
        Assert.Equal((string)me["id"]!, (string)again["id"]!);
    }

    [Fact]
    public async Task FormEncodedRequestIsAccepted()
    {
        var (id, secret) = await CreateM2MAsync();
        using var http = new HttpClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret, ["scope"] = "user_default" });
        var response = await http.PostAsync(TokenUrl, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user_default", (string)(await JsonAsync(response))["scope"]!);
    }

    [Fact]
    public async Task TokenExpiresAfterItsLifetime()
    {
        var token = await AdminTokenAsync();
        Clock.Advance(TimeSpan.FromSeconds(21599));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", token)).StatusCode);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ConfiguredLifetimeIsReported()
    {
        await using var emulator = await TenantEmulator.StartAsync(new EmulatorOptions { TokenLifetimeSeconds = 60 });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", emulator.AdminApiKey);
        var created = JsonNode.Parse(await (await http.PostAsync($"{emulator.BaseUrl}/api/v1/oauth-clients", new StringContent(WebClient().ToJsonString(), Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        var token = await http.PostAsync($"{emulator.BaseUrl}/oauth/token", new StringContent(ClientCredentials((string)created["clientId"]!, (string)created["clientSecret"]!).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(60, (int)(await JsonAsync(token))["expires_in"]!);
    }
}
