using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

/// <summary>With RequireClientAuthOnRevoke, /oauth/revoke authenticates the client as RFC 7009 section 2.1 has it.</summary>
public sealed class StrictRevokeTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { RequireClientAuthOnRevoke = true };

    private Task<HttpResponseMessage> RevokeAsync(JsonObject body) => SendAsync(HttpMethod.Post, "/oauth/revoke", body.ToJsonString());

    [Fact]
    public async Task RevokingWithTheTokenAloneIsRefusedAndTheTokenStillWorks()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));

        await AssertOAuthErrorAsync(await RevokeAsync(new JsonObject { ["token"] = token }), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials", "client authentication is required");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", token)).StatusCode);
    }

    [Fact]
    public async Task RevokingAsTheOwningClientWorks()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(new JsonObject { ["token"] = token, ["client_id"] = id, ["client_secret"] = secret })).StatusCode);

        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
    }
}
