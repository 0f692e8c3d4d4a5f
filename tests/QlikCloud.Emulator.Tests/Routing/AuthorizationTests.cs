using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Routing;

public sealed class AuthorizationTests : EmulatorTest
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-known-credential")]
    public async Task MissingOrUnknownBearerIs401(string? bearer)
    {
        foreach (var path in new[] { "/api/v1/oauth-clients", "/api/v1/users/me" })
        {
            var response = await GetAsync(path, bearer);
            var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "HTTP-401");
            Assert.Equal(401, error["status"]!.GetValue<int>());
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task NonBearerSchemeIs401()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", headers: new Dictionary<string, string> { ["Authorization"] = $"Basic {Emulator.AdminApiKey}" });
        await AssertErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKeyReachesOAuthClients()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/oauth-clients", Emulator.AdminApiKey)).StatusCode);
    }

    [Fact]
    public async Task M2MTokenWithAdminClassicReachesOAuthClients()
    {
        var token = await AdminTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/oauth-clients", token)).StatusCode);
    }

    [Fact]
    public async Task M2MTokenWithoutAdminClassicIs403()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret, "user_default"));
        await AssertErrorAsync(await GetAsync("/api/v1/oauth-clients", token), HttpStatusCode.Forbidden, "HTTP-403");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", token)).StatusCode);
    }

    [Fact]
    public async Task ImpersonationTokenIs403EvenWithAdminClassic()
    {
        var (id, secret) = await CreateM2MAsync(grants: ["urn:qlik:oauth:user-impersonation"]);
        var token = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AdminUserId, "admin_classic"));
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/v1/oauth-clients", WebClient().ToJsonString(), token), HttpStatusCode.Forbidden);
    }
}
