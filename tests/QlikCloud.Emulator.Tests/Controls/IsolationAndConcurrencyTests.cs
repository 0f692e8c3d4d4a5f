using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Controls;

public sealed class IsolationAndConcurrencyTests : EmulatorTest
{
    [Fact]
    public async Task TwoEmulatorsSideBySideShareNothing()
    {
        await using var other = await TenantEmulator.StartAsync(new EmulatorOptions { TenantId = "othertenant00000000000000000000b2", AdminApiKey = "other-key" });
        Assert.NotEqual(Emulator.BaseUrl.Port, other.BaseUrl.Port);
        var (id, secret) = await CreateM2MAsync();
        using var http = new HttpClient();
        var token = await http.PostAsync($"{other.BaseUrl}/oauth/token", new StringContent(ClientCredentials(id, secret).ToJsonString(), Encoding.UTF8, "application/json"));
        await AssertOAuthErrorAsync(token, HttpStatusCode.BadRequest, "OAUTH-14", "Invalid client_id");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{other.BaseUrl}/api/v1/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.AdminApiKey);
        await AssertErrorAsync(await http.SendAsync(request), HttpStatusCode.Unauthorized);
        Assert.Single(other.Requests, r => r.Path == "/oauth/token");
        Assert.DoesNotContain(Emulator.Requests, r => r.Path == "/oauth/token");
        other.InjectFault(new FaultSpec { PathPrefix = "/", Status = 500, Count = 5 });
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task BaseUrlFormatsWithoutATrailingSlash()
    {
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", Emulator.BaseUrl.ToString());
        Assert.Equal($"http://127.0.0.1:{Emulator.BaseUrl.Port}/x", $"{Emulator.BaseUrl}/x");
        Assert.NotEqual(0, Emulator.BaseUrl.Port);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://example.com:0")]
    [InlineData("https://127.0.0.1:0")]
    public async Task NonLoopbackUrlIsRefused(string url)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TenantEmulator.StartAsync(new EmulatorOptions { Url = url }));
    }

    [Fact]
    public async Task SixteenConcurrentCallersGetConsistentAnswers()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            var client = await CreateClientAsync(WebClient($"client {i}"));
            var id = (string)client["clientId"]!;
            var secret = (string)client["clientSecret"]!;
            var tokens = new List<string>();
            for (var j = 0; j < 3; j++)
            {
                tokens.Add(await AccessTokenAsync(ClientCredentials(id, secret)));
            }
            var me = await JsonAsync(await GetAsync("/api/v1/users/me", tokens[^1]));
            return (id, subject: (string)me["subject"]!, added: (await AdminAsync(HttpMethod.Post, $"/api/v1/oauth-clients/{id}/client-secrets")).StatusCode);
        }));
        Assert.All(results, r => Assert.Equal($"qlikbot\\{r.id}", r.subject));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.added));
        var list = await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients?limit=100&totalResults=true"));
        Assert.Equal(16, (int)list["totalResults"]!);
        Assert.Equal(16 * 6 + 1, Emulator.Requests.Count);
        var bots = await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users?limit=100&filter=" + Uri.EscapeDataString("subject sw \"qlikbot\\\\\"")));
        Assert.Equal(16, bots["data"]!.AsArray().Count);
    }
}
