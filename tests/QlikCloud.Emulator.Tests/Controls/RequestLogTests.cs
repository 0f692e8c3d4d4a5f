using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Controls;

public sealed class RequestLogTests : EmulatorTest
{
    [Fact]
    public async Task RequestsAreRecordedInOrderWithStatusBodyHeadersAndCaller()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret, "admin_classic"));
        await GetAsync("/api/v1/users/me?x=1", token);
        await GetAsync("/api/v1/users/me", "bogus");
        var log = Emulator.Requests;
        Assert.Equal(4, log.Count);
        Assert.Equal(("POST", "/api/v1/oauth-clients", 201, $"apikey:{EmulatorDefaults.AdminUserId}"), (log[0].Method, log[0].Path, log[0].Status, log[0].CallerId));
        Assert.Contains("\"clientName\"", log[0].Body);
        Assert.Equal(("/oauth/token", 200, $"client:{id}"), (log[1].Path, log[1].Status, log[1].CallerId));
        Assert.Contains(secret, log[1].Body);
        Assert.Equal(("?x=1", $"client:{id}", $"Bearer {token}"), (log[2].Query, log[2].CallerId, log[2].Headers["authorization"]));
        Assert.Equal((401, "unknown"), (log[3].Status, log[3].CallerId));
        Assert.True(log[0].At <= log[3].At);
    }

    [Fact]
    public async Task ImpersonationCallerNamesClientAndUser()
    {
        var (id, secret) = await CreateM2MAsync(grants: ["urn:qlik:oauth:user-impersonation"]);
        var token = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AliceId));
        await GetAsync("/api/v1/users/me", token);
        Assert.Equal($"client:{id}/user:{EmulatorDefaults.AliceId}", Emulator.Requests[^1].CallerId);
    }

    [Fact]
    public async Task ClearRequestsEmptiesTheLog()
    {
        await AdminAsync(HttpMethod.Get, "/api/v1/users/me");
        Emulator.ClearRequests();
        Assert.Empty(Emulator.Requests);
        await GetAsync("/api/v1/users/me", null);
        Assert.Null(Assert.Single(Emulator.Requests).CallerId);
    }

    [Fact]
    public async Task ResetRestoresTheSeedAndForgetsEverything()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));
        Emulator.AddUser(new EmulatorUser { Subject = "auth0|temp", Email = "temp@example.com" });
        Emulator.SetRequireTrustedConsent(false);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/", Status = 500 });
        Emulator.Reset();
        Assert.Empty(Emulator.Requests);
        Assert.Empty((await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients")))["data"]!.AsArray());
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
        Assert.Empty((await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users?filter=" + Uri.EscapeDataString("email eq \"temp@example.com\""))))["data"]!.AsArray());
        var (newId, newSecret) = await CreateM2MAsync(trusted: false);
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(newId, newSecret)), HttpStatusCode.Forbidden, "OAUTH-5", "Consent required");
    }
}
