using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class ListClientsTests : EmulatorTest
{
    private async Task<List<string>> CreateNamedAsync(params string[] names)
    {
        var ids = new List<string>();
        foreach (var name in names)
        {
            ids.Add((string)(await CreateClientAsync(WebClient(name)))["clientId"]!);
        }
        return ids;
    }

    private async Task<JsonObject> ListAsync(string query)
    {
        var response = await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (JsonObject)await JsonAsync(response);
    }

    private static List<string> Names(JsonObject page) => [.. page["data"]!.AsArray().Select(c => (string)c!["clientName"]!)];

    [Fact]
    public async Task PagingFollowsAbsoluteNextLinksAcrossPages()
    {
        var names = Enumerable.Range(1, 7).Select(i => $"client {i}").ToArray();
        await CreateNamedAsync(names);
        var seen = new List<string>();
        var href = Url("/api/v1/oauth-clients?limit=3");
        var pages = 0;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Emulator.AdminApiKey);
        while (href is not null)
        {
            Assert.StartsWith(Emulator.BaseUrl.ToString() + "/api/v1/oauth-clients?", href);
            var page = (JsonObject)JsonNode.Parse(await http.GetStringAsync(href))!;
            seen.AddRange(Names(page));
            href = (string?)page["links"]!["next"]?["href"];
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(names, seen);
    }

    [Fact]
    public async Task PrevLinkReturnsToThePreviousPage()
    {
        await CreateNamedAsync("a", "b", "c", "d");
        var first = await ListAsync("?limit=2");
        var second = (JsonObject)JsonNode.Parse(await (await SendAsync(HttpMethod.Get, new Uri((string)first["links"]!["next"]!["href"]!).PathAndQuery, bearer: Emulator.AdminApiKey)).Content.ReadAsStringAsync())!;
        Assert.Equal(["c", "d"], Names(second));
        Assert.Null(second["links"]!["next"]);
        var back = await ListAsync(new Uri((string)second["links"]!["prev"]!["href"]!).Query);
        Assert.Equal(["a", "b"], Names(back));
        Assert.Null(first["links"]!["prev"]);
        Assert.Equal(Url("/api/v1/oauth-clients?limit=2"), (string)first["links"]!["self"]!["href"]!);
    }

    [Fact]
    public async Task DefaultLimitIs20()
    {
        await CreateNamedAsync([.. Enumerable.Range(1, 21).Select(i => $"c{i}")]);
        var page = await ListAsync("");
        Assert.Equal(20, page["data"]!.AsArray().Count);
        Assert.NotNull(page["links"]!["next"]);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?next=bogus", "cursor")]
    [InlineData("?totalResults=yes", "totalResults")]
    [InlineData("?sort=-clientSecret", "sort")]
    [InlineData("?filter=clientName%20eq%20unquoted", "quoted")]
    [InlineData("?filter=secret%20eq%20%22x%22", "unknown attribute")]
    [InlineData("?filter=clientName%20like%20%22x%22", "unsupported operator")]
    [InlineData("?filter=clientName%20eq", "expected a value")]
    [InlineData("?filter=clientName%20eq%20%22x", "unterminated")]
    public async Task BadQueryIs400(string query, string detail)
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, "/api/v1/oauth-clients" + query), HttpStatusCode.BadRequest, "HTTP-400", detail);
    }

    [Fact]
    public async Task FilterEqOnClientName()
    {
        await CreateNamedAsync("alpha", "beta", "alpha two");
        Assert.Equal(["beta"], Names(await ListAsync("?filter=" + Uri.EscapeDataString("clientName eq \"beta\""))));
    }

    [Fact]
    public async Task FilterEqOnClientIdJoinedByAndWithAppType()
    {
        var ids = await CreateNamedAsync("one", "two");
        var filter = $"clientId eq \"{ids[1]}\" and appType eq \"web\" and tenantId eq \"{EmulatorDefaults.TenantId}\" and createdByType eq \"user\"";
        Assert.Equal(["two"], Names(await ListAsync("?filter=" + Uri.EscapeDataString(filter))));
        Assert.Empty(Names(await ListAsync("?filter=" + Uri.EscapeDataString($"clientId eq \"{ids[1]}\" and appType eq \"spa\""))));
    }

    [Theory]
    [InlineData("+clientName", new[] { "a", "b", "c" })]
    [InlineData("-clientName", new[] { "c", "b", "a" })]
    [InlineData("clientName", new[] { "a", "b", "c" })]
    [InlineData("-createdAt", new[] { "c", "a", "b" })]
    public async Task SortOrdersByField(string sort, string[] expected)
    {
        await CreateNamedAsync("b", "a", "c");
        Assert.Equal(expected, Names(await ListAsync("?sort=" + Uri.EscapeDataString(sort))));
    }

    [Fact]
    public async Task PlusSignSentUnencodedStillSortsAscending()
    {
        await CreateNamedAsync("b", "a");
        Assert.Equal(["a", "b"], Names(await ListAsync("?sort=+clientName")));
    }

    [Fact]
    public async Task TotalResultsCountsAllMatches()
    {
        await CreateNamedAsync("a", "b", "c");
        var page = await ListAsync("?limit=1&totalResults=true");
        Assert.Equal(3, (int)page["totalResults"]!);
        Assert.Null((await ListAsync("?limit=1"))["totalResults"]);
    }
}
