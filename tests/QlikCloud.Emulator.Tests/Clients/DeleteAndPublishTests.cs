using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class DeleteAndPublishTests : EmulatorTest
{
    private static Dictionary<string, string> Confirm(string value) => new() { ["qlik-confirm-delete"] = value };

    [Fact]
    public async Task DeleteWithConfirmHeaderAnswers204AndTheClientIsGone()
    {
        var (id, _) = await CreateM2MAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}", headers: Confirm(id))).StatusCode);
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteWithoutConfirmHeaderIs400NamingTheHeader()
    {
        var (id, _) = await CreateM2MAsync();
        await AssertErrorAsync(await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}"), HttpStatusCode.BadRequest, "HTTP-400", "qlik-confirm-delete");
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}")).StatusCode);
    }

    [Fact]
    public async Task DeleteWithMismatchedConfirmHeaderIs400()
    {
        var (id, _) = await CreateM2MAsync();
        await AssertErrorAsync(await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}", headers: Confirm("someone-else")), HttpStatusCode.BadRequest, detailContains: "qlik-confirm-delete");
    }

    [Fact]
    public async Task DeleteOfUnknownClientIs404()
    {
        const string id = "0123456789abcdef0123456789abcdef";
        await AssertErrorAsync(await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}", headers: Confirm(id)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAClientKillsItsTokens()
    {
        var (id, secret) = await CreateM2MAsync();
        var token = await AccessTokenAsync(ClientCredentials(id, secret));
        await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}", headers: Confirm(id));
        await AssertErrorAsync(await GetAsync("/api/v1/users/me", token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PublishAnswers201WithPublishedAt()
    {
        var (id, _) = await CreateM2MAsync();
        var response = await AdminAsync(HttpMethod.Post, $"/api/v1/oauth-clients/{id}/actions/publish");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var publishedAt = (string)(await JsonAsync(response))["publishedAt"]!;
        Assert.True(DateTimeOffset.TryParse(publishedAt, out _));
        Assert.Equal(publishedAt, (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}")))["publishedAt"]!);
    }

    [Fact]
    public async Task PublishOfUnknownClientIs404()
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients/0123456789abcdef0123456789abcdef/actions/publish"), HttpStatusCode.NotFound);
    }
}
