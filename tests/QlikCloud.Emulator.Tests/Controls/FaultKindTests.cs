using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Controls;

/// <summary>The fault kinds of the module's fault matrix that <see cref="FaultTests"/> does not cover.</summary>
public sealed class FaultKindTests : EmulatorTest
{
    [Fact]
    public async Task DropAfterHandlingActsThenAbortsTheConnection()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", Method = "POST", DropAfterHandling = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", WebClient("dropped after create").ToJsonString()));

        var list = await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients"));
        Assert.Single(list["data"]!.AsArray(), client => (string?)client!["clientName"] == "dropped after create");
        Assert.Equal(0, Emulator.Requests.Single(request => request.Method == "POST").Status);
    }

    [Fact]
    public async Task RedirectFaultAnswersTheStatusWithItsLocationAndDoesNothing()
    {
        var (id, _) = await CreateM2MAsync();
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients/" + id, Method = "DELETE", Status = 302, Location = "https://login.example.com/sso" });
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var delete = new HttpRequestMessage(HttpMethod.Delete, Url("/api/v1/oauth-clients/" + id));
        delete.Headers.Authorization = new("Bearer", Emulator.AdminApiKey);
        delete.Headers.Add("qlik-confirm-delete", id);

        using var response = await noRedirects.SendAsync(delete);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri("https://login.example.com/sso"), response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients/" + id)).StatusCode);
    }

    [Fact]
    public async Task MalformedBodyTextIsAnsweredAsGiven()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", MalformedBody = true, MalformedBodyText = "[\"not a token\"]" });

        var response = await TokenAsync(new JsonObject { ["grant_type"] = "client_credentials" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[\"not a token\"]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void LocationWithoutA3xxStatusIsRefused()
    {
        Assert.ThrowsAny<ArgumentException>(() => Emulator.InjectFault(new FaultSpec { PathPrefix = "/x", Status = 500, Location = "https://elsewhere.example.com/" }));
    }

    [Fact]
    public async Task A429FaultCarriesAnyRetryAfterAsked()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 429, RetryAfterSeconds = 3600 });

        var response = await AdminAsync(HttpMethod.Get, "/api/v1/users/me");

        await AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "HTTP-429");
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task ADelayLongerThanTheCallersTimeoutLeavesItWithoutAnswer()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Delay = TimeSpan.FromSeconds(3) });
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/api/v1/users/me"));
        request.Headers.Authorization = new("Bearer", Emulator.AdminApiKey);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.SendAsync(request));
    }
}
