using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class ImpersonationTests : EmulatorTest
{
    private const string Grant = "urn:qlik:oauth:user-impersonation";

    private Task<(string Id, string Secret)> CreateImpersonatorAsync() => CreateM2MAsync(scopes: ["user_default"], grants: [Grant]);

    [Theory]
    [InlineData("subject", EmulatorDefaults.AliceSubject, EmulatorDefaults.AliceId)]
    [InlineData("userId", EmulatorDefaults.BobId, EmulatorDefaults.BobId)]
    public async Task TokenActsAsTheLookedUpUser(string field, string value, string expectedId)
    {
        var (id, secret) = await CreateImpersonatorAsync();
        var token = await AccessTokenAsync(Impersonation(id, secret, field, value, "user_default"));
        var me = await JsonAsync(await GetAsync("/api/v1/users/me", token));
        Assert.Equal(expectedId, (string)me["id"]!);
    }

    [Theory]
    [InlineData("subject", "auth0|nobody")]
    [InlineData("userId", "ffffffffffffffffffffffff")]
    [InlineData("subject", EmulatorDefaults.AliceId)]
    public async Task UnknownUserIsOAuth7(string field, string value)
    {
        var (id, secret) = await CreateImpersonatorAsync();
        await AssertOAuthErrorAsync(await TokenAsync(Impersonation(id, secret, field, value)), HttpStatusCode.BadRequest, "OAUTH-7", "User not found", value);
    }

    [Fact]
    public async Task DisabledUserIsOAuth8()
    {
        var (id, secret) = await CreateImpersonatorAsync();
        await AssertOAuthErrorAsync(await TokenAsync(Impersonation(id, secret, "subject", EmulatorDefaults.DisabledSubject)), HttpStatusCode.Forbidden, "OAUTH-8", "User disabled");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"field":"email","value":"alice@example.com"}""")]
    [InlineData("""{"field":"subject"}""")]
    [InlineData("\"auth0|alice\"")]
    public async Task MissingOrBadUserLookupIsOAuth1(string? lookup)
    {
        var (id, secret) = await CreateImpersonatorAsync();
        var body = Impersonation(id, secret, "subject", "x");
        body["user_lookup"] = lookup is null ? null : JsonNode.Parse(lookup);
        await AssertOAuthErrorAsync(await TokenAsync(body), HttpStatusCode.BadRequest, "OAUTH-1", "Invalid request", "user_lookup");
    }

    [Fact]
    public async Task ImpersonationCreatesNoBotUser()
    {
        var (id, secret) = await CreateImpersonatorAsync();
        await AccessTokenAsync(Impersonation(id, secret, "subject", EmulatorDefaults.CarolSubject));
        var found = await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users?filter=" + Uri.EscapeDataString($"subject eq \"qlikbot\\\\{id}\"")));
        Assert.Empty(found["data"]!.AsArray());
    }
}
