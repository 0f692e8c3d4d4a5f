using QlikCloud.Emulator;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>Bulk issuance: input order, per-user failures, and a batch paced by the tenant's 429s with no user failing.</summary>
public sealed class TokenBatchTests : TenantFixture
{
    private const int BatchUsers = 300;
    private const int Tier2Limit = 100;

    protected override void Configure(EmulatorOptions options)
    {
        for (int i = 0; i < BatchUsers; i++)
        {
            options.Users.Add(new EmulatorUser { Id = $"6511{i:x20}", Subject = $"batch|user{i:D3}", Email = $"user{i:D3}@example.com", Name = $"Batch user {i}" });
        }
    }

    [Fact]
    public async Task ABatchOverTheRateLimitIsPacedByRetryAfterAndNoUserFails()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, null, Admin);
        var users = Enumerable.Range(0, BatchUsers).Select(i => UserReference.From(null, $"batch|user{i:D3}", null)!).ToList();
        Emulator.SetRateLimits(5000, Tier2Limit, TimeSpan.FromSeconds(1));
        Emulator.ClearRequests();

        var outcomes = await TokenBatch.RunAsync(users, TokenBatch.DefaultThrottleLimit, _ => issuer, new ClientRefusals(), issuer.GetImpersonationTokenAsync, CancellationToken.None);

        Assert.Equal(BatchUsers, outcomes.Count);
        Assert.All(outcomes, outcome => Assert.True(outcome.Succeeded, outcome.Failure?.Message));
        Assert.Equal(users.Select(user => user.Subject), outcomes.Select(outcome => outcome.Result!.Token.User!.Value));
        Assert.Equal(BatchUsers, outcomes.Select(outcome => outcome.Result!.Token.Value).Distinct().Count());
        // The batch hit the limit, and then waited: each window's wall costs at most the requests already in flight.
        int rateLimited = Emulator.Requests.Count(request => request.Status == 429);
        Assert.InRange(rateLimited, 1, TokenBatch.DefaultThrottleLimit * (BatchUsers / Tier2Limit + 1));
    }

    [Fact]
    public async Task EachFailedUserIsItsOwnOutcomeAndTheRestGoOnInOrder()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, null, Admin);
        UserReference[] users =
        [
            UserReference.From(null, EmulatorDefaults.AliceSubject, null)!,
            UserReference.From(null, "auth0|nobody", null)!,
            UserReference.From(EmulatorDefaults.DisabledId, null, null)!,
            UserReference.From(null, null, EmulatorDefaults.SharedEmail)!,
            UserReference.From(null, null, "nobody@example.com")!,
            UserReference.From(null, null, EmulatorDefaults.BobEmail)!,
        ];

        var outcomes = await TokenBatch.RunAsync(users, 3, _ => issuer, new ClientRefusals(), issuer.GetImpersonationTokenAsync, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AliceSubject, outcomes[0].Result!.Token.User!.Value);
        Assert.Equal(TokenFailureReason.UserNotFound, Assert.IsType<QlikTokenException>(outcomes[1].Failure).Reason);
        Assert.Equal(TokenFailureReason.UserDisabled, Assert.IsType<QlikTokenException>(outcomes[2].Failure).Reason);
        Assert.Equal(UsersApiErrors.AmbiguousEmail, outcomes[3].Failure!.ErrorId);
        Assert.Equal(UsersApiErrors.UserNotFoundByEmail, outcomes[4].Failure!.ErrorId);
        Assert.Equal(EmulatorDefaults.BobId, outcomes[5].Result!.User!.UserId);
    }

    [Fact]
    public async Task AClientRefusalEndsTheBatchAfterTheRequestsInFlight()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var wrong = ClientSecretAuthentication.For(client.ClientId, new System.Net.NetworkCredential(string.Empty, "not the secret").SecurePassword);
        var issuer = new TokenIssuer(Connection, wrong, null, null, Admin);
        var users = Enumerable.Range(0, 50).Select(i => UserReference.From(null, $"batch|user{i:D3}", null)!).ToList();
        Emulator.ClearRequests();

        var outcomes = await TokenBatch.RunAsync(users, 3, _ => issuer, new ClientRefusals(), issuer.GetImpersonationTokenAsync, CancellationToken.None);

        int sent = Emulator.Requests.Count(request => request.Path == "/oauth/token");
        Assert.InRange(sent, 1, 3);
        Assert.All(outcomes, outcome => Assert.True(outcome.ClientRefused));
        Assert.Equal(sent, outcomes.Count(outcome => !outcome.NotTried));
        Assert.All(outcomes, outcome => Assert.Equal(TokenFailureReason.InvalidClientCredentials, Assert.IsType<QlikTokenException>(outcome.Failure).Reason));
    }

    [Fact]
    public async Task AThrottleLimitBelowOneIsRefused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            TokenBatch.RunAsync(new[] { 1 }, 0, item => (object)item, new ClientRefusals(), (item, _) => Task.FromResult(item), CancellationToken.None));
    }
}
