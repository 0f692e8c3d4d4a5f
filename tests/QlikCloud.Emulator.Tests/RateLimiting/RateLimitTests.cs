using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.RateLimiting;

public sealed class RateLimitTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { Clock = Clock, Tier1Limit = 3, Tier2Limit = 2, RateLimitWindow = TimeSpan.FromSeconds(60) };

    private static async Task<int> AssertLimitedAsync(HttpResponseMessage response)
    {
        var error = await AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "HTTP-429", "You need to wait");
        Assert.Equal("API rate limit reached.", (string)error["title"]!);
        var retryAfter = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.True(retryAfter >= 1);
        Assert.Contains($"wait {retryAfter} seconds", (string)error["detail"]!);
        return retryAfter;
    }

    [Fact]
    public async Task Tier1OverTheLimitIs429WithRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
        }
        Assert.Equal(60, await AssertLimitedAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me")));
    }

    [Fact]
    public async Task BlockedTierStaysBlockedForEveryPathUntilRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
            Clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(30, await AssertLimitedAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients")));
        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, await AssertLimitedAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users")));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task TiersAreCountedSeparately()
    {
        for (var i = 0; i < 3; i++)
        {
            await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
        }
        await AssertLimitedAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me"));
        Assert.Equal(HttpStatusCode.Created, (await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", WebClient().ToJsonString())).StatusCode);
    }

    [Fact]
    public async Task CallersAreCountedSeparately()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));
        for (var i = 0; i < 3; i++)
        {
            await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
        }
        await AssertLimitedAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", token)).StatusCode);
    }

    [Fact]
    public async Task TokenEndpointIsTier2PerClient()
    {
        Emulator.SetRateLimits(100, 3, TimeSpan.FromSeconds(60));
        var (id, secret) = await CreateM2MAsync();
        var (otherId, otherSecret) = await CreateM2MAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
        }
        var response = await TokenAsync(ClientCredentials(id, secret));
        await AssertLimitedAsync(response);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(otherId, otherSecret))).StatusCode);
    }

    [Fact]
    public async Task SetRateLimitsAppliesAtOnce()
    {
        Emulator.SetRateLimits(1, 1, TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, "/api/v1/users/me")).StatusCode);
        Assert.Equal(5, await AssertLimitedAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me")));
    }
}
