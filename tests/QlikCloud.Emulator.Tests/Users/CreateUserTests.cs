using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Users;

/// <summary>POST /api/v1/users as section 8.4 has it: subject required, 409 on a subject that exists, statuses invited and active, Tier 2.</summary>
public sealed class CreateUserTests : EmulatorTest
{
    private Task<HttpResponseMessage> CreateAsync(JsonObject body) => AdminAsync(HttpMethod.Post, "/api/v1/users", body.ToJsonString());

    private static JsonObject Body(string subject, string? status = null)
    {
        var body = new JsonObject { ["subject"] = subject, ["email"] = $"{subject}@example.com", ["name"] = subject };
        if (status != null)
        {
            body["status"] = status;
        }

        return body;
    }

    private async Task<JsonArray> FindAsync(string filter) =>
        (await JsonAsync(await AdminAsync(HttpMethod.Get, "/api/v1/users?filter=" + Uri.EscapeDataString(filter))))["data"]!.AsArray();

    [Fact]
    public async Task CreateAnswers201WithTheUserAndAnIdTheFiltersFind()
    {
        var response = await CreateAsync(Body("new-one"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await JsonAsync(response);
        Assert.Equal("new-one", (string?)user["subject"]);
        Assert.Equal("new-one@example.com", (string?)user["email"]);
        string id = (string)user["id"]!;
        Assert.Matches("^[0-9a-f]{24}$", id);
        Assert.Equal(id, (string?)Assert.Single(await FindAsync("subject eq \"new-one\""))!["id"]);
        Assert.Equal(id, (string?)Assert.Single(await FindAsync("email eq \"new-one@example.com\""))!["id"]);
        Assert.Equal("new-one", (string?)Assert.Single(await FindAsync($"id eq \"{id}\""))!["subject"]);
    }

    [Fact]
    public async Task WithoutStatusTheUserIsInvitedAndActiveIsTaken()
    {
        Assert.Equal("invited", (string?)(await JsonAsync(await CreateAsync(Body("no-status"))))["status"]);
        Assert.Equal("active", (string?)(await JsonAsync(await CreateAsync(Body("active-one", "active"))))["status"]);
        Assert.Equal("invited", (string?)(await JsonAsync(await CreateAsync(Body("invited-one", "invited"))))["status"]);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("deleted")]
    [InlineData("provisioned")]
    public async Task OtherStatusesAreRefused(string status)
    {
        await AssertErrorAsync(await CreateAsync(Body("odd-status", status)), HttpStatusCode.BadRequest, detailContains: "status");
        Assert.Empty(await FindAsync("subject eq \"odd-status\""));
    }

    [Theory]
    [InlineData("{\"email\":\"a@example.com\",\"name\":\"a\"}")]
    [InlineData("{\"subject\":\"\",\"email\":\"a@example.com\"}")]
    [InlineData("{\"subject\":42}")]
    public async Task SubjectIsRequired(string body)
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/users", body), HttpStatusCode.BadRequest, detailContains: "subject");
    }

    [Fact]
    public async Task ASubjectThatExistsIs409AndMakesNoSecondUser()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Body("twice"))).StatusCode);

        await AssertErrorAsync(await CreateAsync(Body("twice")), HttpStatusCode.Conflict, "HTTP-409");

        Assert.Single(await FindAsync("subject eq \"twice\""));
    }

    [Fact]
    public async Task ADisabledUsersSubjectIsTakenToo()
    {
        Emulator.AddUser(new EmulatorUser { Subject = "gone", Email = "gone@example.com", Name = "gone", Status = "disabled" });

        await AssertErrorAsync(await CreateAsync(Body("gone")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlyATenantAdminCreates()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/v1/users", Body("no-auth").ToJsonString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await FindAsync("subject eq \"no-auth\""));
    }

    [Fact]
    public async Task CreateCountsInTier2()
    {
        Emulator.SetRateLimits(100, 2, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Body("t2-a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Body("t2-b"))).StatusCode);

        var refused = await CreateAsync(Body("t2-c"));

        await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "HTTP-429");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Empty(await FindAsync("subject eq \"t2-c\""));
    }

    [Fact]
    public async Task ALostAnswerStillCreatesTheUser()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users", Method = "POST", DropAfterHandling = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => CreateAsync(Body("lost-answer")));

        Assert.Single(await FindAsync("subject eq \"lost-answer\""));
    }

    [Fact]
    public async Task ListsPageThroughCreatedUsers()
    {
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(Body($"paged-{i}"))).StatusCode);
        }

        var seen = new List<string>();
        string? next = "/api/v1/users?limit=2&filter=" + Uri.EscapeDataString("subject sw \"paged-\"");
        while (next != null)
        {
            var page = await JsonAsync(await AdminAsync(HttpMethod.Get, next));
            seen.AddRange(page["data"]!.AsArray().Select(user => (string)user!["subject"]!));
            next = page["links"]!["next"] is JsonObject link ? new Uri((string)link["href"]!).PathAndQuery : null;
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"paged-{i}").Order(), seen.Order());
    }
}
