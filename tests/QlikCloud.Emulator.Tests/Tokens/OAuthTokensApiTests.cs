using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class OAuthTokensApiTests : EmulatorTest
{
    private const string Base = "/api/v1/oauth-tokens";

    private async Task<(string ClientId, string Secret)> ImpersonationClientAsync() =>
        await CreateM2MAsync(scopes: ["user_default"], grants: ["urn:qlik:oauth:user-impersonation"]);

    private static JsonArray Data(JsonNode page) => page["data"]!.AsArray();

    [Fact]
    public async Task AdminListsEveryUsersTokensByIdWithoutTheTokenItself()
    {
        var (id, secret) = await ImpersonationClientAsync();
        var alice = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AliceId));
        await AccessTokenAsync(Impersonation(id, secret, "subject", EmulatorDefaults.BobSubject));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", alice)).StatusCode);

        var response = await AdminAsync(HttpMethod.Get, Base);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(alice, text, StringComparison.Ordinal);
        var tokens = Data(JsonNode.Parse(text)!);
        Assert.Equal(2, tokens.Count);
        var aliceEntry = tokens.Single(t => (string?)t!["userId"] == EmulatorDefaults.AliceId)!;
        Assert.Matches("^[0-9a-f]{24}$", (string)aliceEntry["id"]!);
        Assert.Equal(EmulatorDefaults.TenantId, (string?)aliceEntry["tenantId"]);
        Assert.Equal("test client", (string?)aliceEntry["description"]);
        Assert.NotNull(aliceEntry["lastUsed"]);
        Assert.Null(tokens.Single(t => (string?)t!["userId"] == EmulatorDefaults.BobId)!["lastUsed"]);
    }

    [Fact]
    public async Task FilterByUserSortAndPage()
    {
        var (id, secret) = await ImpersonationClientAsync();
        foreach (var user in new[] { EmulatorDefaults.BobId, EmulatorDefaults.AliceId, EmulatorDefaults.BobId })
        {
            await AccessTokenAsync(Impersonation(id, secret, "userId", user));
        }
        Assert.Equal(2, Data(await JsonAsync(await AdminAsync(HttpMethod.Get, $"{Base}?userId={EmulatorDefaults.BobId}"))).Count);
        var sorted = Data(await JsonAsync(await AdminAsync(HttpMethod.Get, $"{Base}?sort=userId"))).Select(t => (string)t!["userId"]!).ToList();
        Assert.Equal([EmulatorDefaults.AliceId, EmulatorDefaults.BobId, EmulatorDefaults.BobId], sorted);

        var first = await JsonAsync(await AdminAsync(HttpMethod.Get, $"{Base}?limit=2"));
        Assert.Equal(2, Data(first).Count);
        var next = new Uri((string)first["links"]!["next"]!["href"]!);
        Assert.Contains("page=", next.Query, StringComparison.Ordinal);
        Assert.Single(Data(await JsonAsync(await AdminAsync(HttpMethod.Get, next.PathAndQuery))));

        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, $"{Base}?sort=lastUsed"), HttpStatusCode.BadRequest, "HTTP-400", "sort");
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, $"{Base}?limit=101"), HttpStatusCode.BadRequest, "HTTP-400", "limit");
    }

    [Fact]
    public async Task DeleteStopsThatTokenAtOnceAndLeavesOthersWorking()
    {
        var (id, secret) = await ImpersonationClientAsync();
        var alice = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AliceId));
        var bob = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.BobId));
        var aliceTokenId = (string)Data(await JsonAsync(await AdminAsync(HttpMethod.Get, $"{Base}?userId={EmulatorDefaults.AliceId}")))[0]!["id"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Delete, $"{Base}/{aliceTokenId}")).StatusCode);
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", alice), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users/me", bob)).StatusCode);
        await AssertErrorAsync(await AdminAsync(HttpMethod.Delete, $"{Base}/{aliceTokenId}"), HttpStatusCode.NotFound, "HTTP-404", aliceTokenId);
    }

    [Fact]
    public async Task AUserSeesAndRevokesOnlyTheirOwnTokens()
    {
        var (id, secret) = await ImpersonationClientAsync();
        var alice = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AliceId));
        await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.BobId));
        var own = Data(await JsonAsync(await GetAsync(Base, alice)));
        Assert.Equal(EmulatorDefaults.AliceId, (string?)Assert.Single(own)!["userId"]);

        var bobTokenId = (string)Data(await JsonAsync(await AdminAsync(HttpMethod.Get, $"{Base}?userId={EmulatorDefaults.BobId}")))[0]!["id"]!;
        await AssertErrorAsync(await SendAsync(HttpMethod.Delete, $"{Base}/{bobTokenId}", bearer: alice), HttpStatusCode.Forbidden, "HTTP-403", "TenantAdmin");
    }
}
