using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Csp;

public sealed class CspOriginTests : EmulatorTest
{
    private const string Base = "/api/v1/csp-origins";

    private static JsonObject Entry(string origin, string? name = null, bool frameAncestors = true, bool connectSrc = true)
    {
        var body = new JsonObject { ["origin"] = origin, ["frameAncestors"] = frameAncestors, ["connectSrc"] = connectSrc };
        if (name is not null)
        {
            body["name"] = name;
        }
        return body;
    }

    private async Task<JsonObject> CreateAsync(JsonObject body)
    {
        var response = await AdminAsync(HttpMethod.Post, Base, body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (JsonObject)await JsonAsync(response);
    }

    [Fact]
    public async Task CreateReadReplaceDelete()
    {
        var created = await CreateAsync(Entry("https://Custom-App.com", "web app"));
        var id = (string)created["id"]!;
        Assert.Equal("https://custom-app.com", (string?)created["origin"]);
        Assert.True((bool)created["frameAncestors"]!);
        Assert.False((bool)created["scriptSrc"]!);
        Assert.False(string.IsNullOrEmpty((string?)created["createdDate"]));

        var read = (JsonObject)await JsonAsync(await AdminAsync(HttpMethod.Get, $"{Base}/{id}"));
        Assert.Equal("web app", (string?)read["name"]);

        // PUT replaces the whole entry: a directive left out is false afterwards; read-only fields may come back.
        var replacement = Entry("https://custom-app.com", "renamed", frameAncestors: true, connectSrc: false);
        replacement["id"] = id;
        var put = await AdminAsync(HttpMethod.Put, $"{Base}/{id}", replacement.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var replaced = (JsonObject)await JsonAsync(put);
        Assert.Equal("renamed", (string?)replaced["name"]);
        Assert.False((bool)replaced["connectSrc"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Delete, $"{Base}/{id}")).StatusCode);
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, $"{Base}/{id}"), HttpStatusCode.NotFound, "HTTP-404", id);
    }

    [Theory]
    [InlineData("""{"frameAncestors":true}""", "origin is required")]
    [InlineData("""{"origin":"https://a.com/path"}""", "must be a host")]
    [InlineData("""{"origin":"https://a.com?x=1"}""", "must be a host")]
    [InlineData("""{"origin":"ftp://a.com"}""", "must be a host")]
    [InlineData("""{"origin":"a b.com"}""", "must be a host")]
    [InlineData("""{"origin":"a.com:99999"}""", "must be a host")]
    [InlineData("""{"origin":"a.com","frameAncestors":"yes"}""", "frameAncestors must be true or false")]
    [InlineData("""{"origin":"a.com","scriptsrc":true}""", "unknown field 'scriptsrc'")]
    [InlineData("""{"origin":"a.com","name":5}""", "name must be a string")]
    [InlineData("""[{"origin":"a.com"}]""", "JSON object")]
    public async Task InvalidBodiesAre400(string body, string detail)
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, Base, body), HttpStatusCode.BadRequest, "HTTP-400", detail);
        Assert.Empty((await JsonAsync(await AdminAsync(HttpMethod.Get, Base)))["data"]!.AsArray());
    }

    [Theory]
    [InlineData("custom-app.com")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("*.example.com")]
    [InlineData("wss://stream.example.com")]
    public async Task HostsWithOptionalSchemeAndPortAreAccepted(string origin)
    {
        var created = await CreateAsync(Entry(origin));
        Assert.Equal(origin, (string?)created["origin"]);
    }

    [Fact]
    public async Task ASecondEntryForTheSameOriginIs409()
    {
        await CreateAsync(Entry("https://custom-app.com"));
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, Base, Entry("HTTPS://custom-app.com").ToJsonString()), HttpStatusCode.Conflict, "HTTP-409", "already has an entry");
    }

    [Fact]
    public async Task The257thEntryIsRefused()
    {
        for (var i = 0; i < 256; i++)
        {
            await CreateAsync(new JsonObject { ["origin"] = $"h{i}.io", ["imgSrc"] = true });
        }
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, Base, Entry("one-more.io").ToJsonString()), HttpStatusCode.BadRequest, "HTTP-400", "256");
    }

    [Fact]
    public async Task AHeaderOver6144CharactersIsRefusedAndTheListKeepsItsState()
    {
        // Each origin of 60 characters adds 61 to the frame-ancestors directive: 100 of them pass 6,144.
        var accepted = 0;
        HttpResponseMessage response;
        do
        {
            var origin = $"https://{accepted:D3}{new string('x', 48)}.io";
            response = await AdminAsync(HttpMethod.Post, Base, new JsonObject { ["origin"] = origin, ["frameAncestors"] = true }.ToJsonString());
            accepted += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
        }
        while (response.StatusCode == HttpStatusCode.Created && accepted < 200);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "HTTP-400", "6144");
        var header = (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "/actions/generate-header")))["Content-Security-Policy"]!;
        Assert.InRange(header.Length, 6000, 6144);
        var all = await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "?limit=100&totalResults=true"));
        Assert.Equal(accepted, (int)all["totalResults"]!);
    }

    [Fact]
    public async Task GenerateHeaderListsEachDirectiveWithItsOrigins()
    {
        await CreateAsync(Entry("https://custom-app.com"));
        await CreateAsync(new JsonObject { ["origin"] = "stream.example.com", ["connectSrcWSS"] = true });
        var header = (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "/actions/generate-header")))["Content-Security-Policy"]!;
        Assert.Contains("frame-ancestors 'self' https://custom-app.com", header, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://custom-app.com wss://stream.example.com", header, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFiltersByOriginNameAndDirectiveAndPages()
    {
        await CreateAsync(Entry("https://a.com", "Portal A"));
        await CreateAsync(Entry("https://b.com", "portal b", frameAncestors: false));
        await CreateAsync(Entry("https://c.com", "Other"));

        static string[] Origins(JsonNode page) => [.. page["data"]!.AsArray().Select(e => (string)e!["origin"]!)];
        Assert.Equal(["https://b.com"], Origins(await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "?origin=HTTPS://B.COM"))));
        Assert.Equal(["https://a.com", "https://b.com"], Origins(await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "?name=portal*"))));
        Assert.Equal(["https://c.com", "https://a.com"], Origins(await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "?frameAncestors=true&sort=-origin"))));

        var first = await JsonAsync(await AdminAsync(HttpMethod.Get, Base + "?limit=2"));
        Assert.Equal(2, first["data"]!.AsArray().Count);
        var next = new Uri((string)first["links"]!["next"]!["href"]!);
        var second = await JsonAsync(await AdminAsync(HttpMethod.Get, next.PathAndQuery));
        Assert.Equal(["https://c.com"], Origins(second));

        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, Base + "?frameAncestors=maybe"), HttpStatusCode.BadRequest, "HTTP-400", "frameAncestors");
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, Base + "?sort=id"), HttpStatusCode.BadRequest, "HTTP-400", "sort");
    }

    [Fact]
    public async Task OnlyATenantAdminMayUseTheList()
    {
        var (id, secret) = await CreateM2MAsync(grants: ["client_credentials", "urn:qlik:oauth:user-impersonation"]);
        var alice = await AccessTokenAsync(Impersonation(id, secret, "userId", EmulatorDefaults.AliceId, "user_default"));
        await AssertErrorAsync(await GetAsync(Base, alice), HttpStatusCode.Forbidden, "HTTP-403");
        await AssertErrorAsync(await GetAsync(Base, null), HttpStatusCode.Unauthorized);
    }
}
