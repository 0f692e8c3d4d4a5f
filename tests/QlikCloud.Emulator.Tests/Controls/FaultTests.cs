using System.Diagnostics;
using System.Net;
using System.Text.Json;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Controls;

public sealed class FaultTests : EmulatorTest
{
    [Fact]
    public async Task StatusFaultAnswersTheErrorBodyForCountRequestsThenRecovers()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users", Count = 2, Status = 503, RetryAfterSeconds = 7 });
        for (var i = 0; i < 2; i++)
        {
            var response = await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
            await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "HTTP-503");
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        }
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task FaultMatchesOnlyItsMethodAndPrefix()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Method = "POST", Status = 500 });
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
        var (id, secret) = await CreateM2MAsync();
        var error = await AssertErrorAsync(await TokenAsync(ClientCredentials(id, secret)), HttpStatusCode.InternalServerError, "HTTP-500");
        Assert.Equal("500", error["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
    }

    [Fact]
    public async Task DelayFaultWaitsThenHandlesNormally()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Delay = TimeSpan.FromMilliseconds(400) });
        var watch = Stopwatch.StartNew();
        var response = await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), watch.Elapsed.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DropConnectionFaultAbortsTheRequest()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", DropConnection = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => AdminAsync(HttpMethod.Get, "/api/v1/users/me"));
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
        Assert.Equal(0, Emulator.Requests[0].Status);
    }

    [Fact]
    public async Task MalformedBodyFaultAnswers200WithBrokenJson()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", MalformedBody = true });
        var response = await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task FaultPrecedesAuthentication()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/", Status = 502 });
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", bearer: null), HttpStatusCode.BadGateway);
    }

    [Theory]
    [InlineData("no-slash", 1, 503)]
    [InlineData("/x", 0, 503)]
    [InlineData("/x", 1, 42)]
    [InlineData("/x", 1, null)]
    public void InvalidFaultIsRefused(string prefix, int count, int? status)
    {
        Assert.ThrowsAny<ArgumentException>(() => Emulator.InjectFault(new FaultSpec { PathPrefix = prefix, Count = count, Status = status }));
    }
}
