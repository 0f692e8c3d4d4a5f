using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;
using QlikOAuth.Tests.Tokens;

namespace QlikOAuth.Tests.Users;

/// <summary>Making sure a user exists, over HTTP against the emulator: read first, one create per subject, 409 and lost answers resolved by reading.</summary>
public sealed class UserDirectoryTests : TenantFixture
{
    private int Creates => Emulator.Requests.Count(request => request.Method == "POST" && request.Path == "/api/v1/users");

    private int CountSubject(string subject) =>
        UsersApi.ListAsync(Connection, Admin, $"subject eq \"{subject}\"", all: true, more: null, CancellationToken.None).GetAwaiter().GetResult().Count;

    [Fact]
    public async Task AMissingUserIsCreatedActiveAndFoundAfterwards()
    {
        EnsuredUser made = await Session.Users.EnsureAsync(NewUser.Create("idp|new", "new@example.com", "New Person", null), byEmail: false, CancellationToken.None);

        Assert.True(made.Created);
        Assert.Equal("idp|new", made.User.Subject);
        Assert.Equal("New Person", made.User.Name);
        Assert.Equal("active", made.User.Status);
        QlikUser found = await UsersApi.FindBySubjectAsync(Connection, Admin, "idp|new", CancellationToken.None);
        Assert.Equal(made.User.Id, found.Id);
    }

    [Fact]
    public async Task AnExistingUserIsReturnedWithoutACreate()
    {
        EnsuredUser alice = await Session.Users.EnsureAsync(NewUser.Create(EmulatorDefaults.AliceSubject, EmulatorDefaults.AliceEmail, null, null), byEmail: false, CancellationToken.None);

        Assert.False(alice.Created);
        Assert.Equal(EmulatorDefaults.AliceId, alice.User.Id);
        Assert.Equal(0, Creates);
    }

    [Fact]
    public async Task ParallelCallsForOneNewSubjectMakeOneUser()
    {
        NewUser wanted = NewUser.Create("same@example.com", "same@example.com", null, null);

        EnsuredUser[] results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Session.Users.EnsureAsync(wanted, byEmail: true, CancellationToken.None))));

        Assert.Single(results.Select(result => result.User.Id).Distinct());
        Assert.Equal(1, Creates);
        Assert.Equal(1, CountSubject("same@example.com"));
    }

    [Fact]
    public async Task A409IsResolvedByReadingTheUser()
    {
        // Found by email it is not (another email), but its subject is taken: the create's 409 reads it by subject.
        Emulator.AddUser(new EmulatorUser { Subject = "taken@example.com", Email = "other@example.com", Name = "taken", Status = "active" });

        EnsuredUser result = await Session.Users.EnsureAsync(NewUser.Create("taken@example.com", "taken@example.com", null, null), byEmail: true, CancellationToken.None);

        Assert.False(result.Created);
        Assert.Equal("other@example.com", result.User.Email);
        Assert.Equal(1, Creates);
        Assert.Equal(1, CountSubject("taken@example.com"));
    }

    [Fact]
    public async Task ALostCreateAnswerIsResolvedByReadingAndNeverSentTwice()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users", Method = "POST", DropAfterHandling = true });

        EnsuredUser result = await Session.Users.EnsureAsync(NewUser.Create("idp|lost", "lost@example.com", null, null), byEmail: false, CancellationToken.None);

        Assert.True(result.Created);
        Assert.Equal("idp|lost", result.User.Subject);
        Assert.Single(await SettledRequestsAsync(request => request.Method == "POST" && request.Path == "/api/v1/users"));
        Assert.Equal(1, CountSubject("idp|lost"));
    }

    [Theory]
    [InlineData("disabled", UsersApiErrors.UserDisabled)]
    [InlineData("deleted", UsersApiErrors.UserDeleted)]
    public async Task ADisabledOrDeletedUserIsRefusedAndNotRecreated(string status, string errorId)
    {
        Emulator.AddUser(new EmulatorUser { Subject = "idp|off", Email = "off@example.com", Name = "off", Status = status });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Session.Users.EnsureAsync(NewUser.Create("idp|off", "off@example.com", null, null), byEmail: false, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(status, error.Message);
        Assert.Equal(0, Creates);
    }

    [Theory]
    [InlineData("", "a@example.com", UsersApiErrors.MissingSubject)]
    [InlineData("  ", "a@example.com", UsersApiErrors.MissingSubject)]
    [InlineData("idp|a", "not-an-email", UsersApiErrors.InvalidEmail)]
    [InlineData("idp|a", "a@b", UsersApiErrors.InvalidEmail)]
    [InlineData("idp|a", "a b@example.com", UsersApiErrors.InvalidEmail)]
    public void BadInputIsRefusedBeforeAnyRequest(string subject, string email, string errorId)
    {
        var error = Assert.ThrowsAny<QlikOAuthException>(() => NewUser.Create(subject, email, null, null));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task ListPagesThroughEveryUserWithAll()
    {
        for (int i = 0; i < 120; i++)
        {
            Emulator.AddUser(new EmulatorUser { Subject = $"page|{i:D3}", Email = $"p{i}@example.com", Name = $"p{i}" });
        }

        bool more = false;
        List<QlikUser> first = await UsersApi.ListAsync(Connection, Admin, "subject sw \"page|\"", all: false, () => more = true, CancellationToken.None);
        List<QlikUser> all = await UsersApi.ListAsync(Connection, Admin, "subject sw \"page|\"", all: true, null, CancellationToken.None);

        Assert.Equal(UsersApi.PageSize, first.Count);
        Assert.True(more);
        Assert.Equal(120, all.Select(user => user.Id).Distinct().Count());
    }

    [Fact]
    public async Task ImpersonationWithCreationMakesTheUserAndSaysSo()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, null, Admin);

        IssuedToken first = await issuer.GetImpersonationTokenAsync(UserReference.From(null, null, "visitor@example.com")!, Session.Users, null, CancellationToken.None);
        IssuedToken again = await issuer.GetImpersonationTokenAsync(UserReference.From(null, null, "visitor@example.com")!, Session.Users, null, CancellationToken.None);

        Assert.True(first.UserCreated);
        Assert.False(again.UserCreated);
        Assert.Equal(first.User!.UserId, again.User!.UserId);
        QlikUser made = await UsersApi.FindByEmailAsync(Connection, Admin, "visitor@example.com", CancellationToken.None);
        Assert.Equal(("visitor@example.com", "visitor@example.com"), (made.Subject, made.Name));
        Assert.Equal(made.Id, first.Token.User!.Value);
    }
}
