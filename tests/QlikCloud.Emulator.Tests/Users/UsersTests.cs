using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Users;

public sealed class UsersTests : EmulatorTest
{
    private async Task<JsonArray> FindAsync(string filter)
    {
        var response = await AdminAsync(HttpMethod.Get, "/api/v1/users?filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.NotNull(body["links"]!["self"]!["href"]);
        return body["data"]!.AsArray();
    }

    [Fact]
    public async Task MeWithTheApiKeyIsTheSeededAdmin()
    {
        var me = (JsonObject)await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/me"));
        Assert.Equal(EmulatorDefaults.AdminUserId, (string)me["id"]!);
        Assert.Equal(EmulatorDefaults.AdminSubject, (string)me["subject"]!);
        Assert.Equal(EmulatorDefaults.AdminEmail, (string)me["email"]!);
        Assert.Equal("active", (string)me["status"]!);
        Assert.Equal(EmulatorDefaults.TenantId, (string)me["tenantId"]!);
        Assert.Equal(["TenantAdmin"], me["roles"]!.AsArray().Select(r => (string)r!));
        Assert.NotNull(me["name"]);
    }

    [Fact]
    public async Task FilterByEmailFindsOneUser()
    {
        var found = Assert.Single(await FindAsync($"email eq \"{EmulatorDefaults.AliceEmail}\""));
        Assert.Equal(EmulatorDefaults.AliceId, (string)found!["id"]!);
    }

    [Fact]
    public async Task FilterByEmailIgnoresCase()
    {
        Assert.Single(await FindAsync("email eq \"ALICE@example.com\""));
    }

    [Fact]
    public async Task SharedEmailFindsSeveralUsers()
    {
        var found = await FindAsync($"email eq \"{EmulatorDefaults.SharedEmail}\"");
        Assert.Equal([EmulatorDefaults.Twin1Id, EmulatorDefaults.Twin2Id], found.Select(u => (string)u!["id"]!).Order());
    }

    [Fact]
    public async Task UnknownEmailFindsNone()
    {
        Assert.Empty(await FindAsync("email eq \"nobody@example.com\""));
    }

    [Fact]
    public async Task FilterBySubjectFindsTheBotUser()
    {
        var (id, secret) = await CreateM2MAsync();
        await AccessTokenAsync(ClientCredentials(id, secret));
        var bot = Assert.Single(await FindAsync($"subject eq \"qlikbot\\\\{id}\""));
        Assert.Equal($"qlikbot\\{id}", (string)bot!["subject"]!);
    }

    [Fact]
    public async Task DisabledUserIsListedAsDisabled()
    {
        Assert.Equal("disabled", (string)Assert.Single(await FindAsync($"subject eq \"{EmulatorDefaults.DisabledSubject}\""))!["status"]!);
    }

    [Fact]
    public async Task GetByIdAndUnknownIdIs404WithNumericStatus()
    {
        Assert.Equal(EmulatorDefaults.BobEmail, (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/users/{EmulatorDefaults.BobId}")))["email"]!);
        var error = await AssertErrorAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users/ffffffffffffffffffffffff"), HttpStatusCode.NotFound, "HTTP-404");
        Assert.Equal(404, error["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task BadFilterIs400()
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users?filter=" + Uri.EscapeDataString("email = \"x\"")), HttpStatusCode.BadRequest, "HTTP-400", "operator");
    }

    [Fact]
    public async Task NonAdminTokenCanReadUsers()
    {
        var (id, secret) = await CreateM2MAsync(scopes: ["user_default"], grants: ["urn:qlik:oauth:user-impersonation"]);
        var token = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.CarolId));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/users?filter=" + Uri.EscapeDataString("email eq \"bob@example.com\""), token)).StatusCode);
    }

    [Fact]
    public async Task AddedUserIsFindable()
    {
        var added = Emulator.AddUser(new EmulatorUser { Subject = "auth0|erin", Email = "erin@example.com", Name = "Erin" });
        Assert.Matches("^[0-9a-f]{24}$", added.Id);
        Assert.Equal(added.Id, (string)Assert.Single(await FindAsync("email eq \"erin@example.com\""))!["id"]!);
        Assert.Throws<ArgumentException>(() => Emulator.AddUser(new EmulatorUser { Id = added.Id, Subject = "dup" }));
    }
}
