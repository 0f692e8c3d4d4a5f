using QlikCloud.Emulator;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>The session's token cache: reuse, refresh before expiry, single flight, the 401 drop, and the credential in the key.</summary>
public sealed class TokenCacheTests : TenantFixture
{
    private int TokenRequests => Emulator.Requests.Count(request => request.Path == "/oauth/token");

    [Fact]
    public async Task ASecondRequestIsServedFromTheCache()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, Admin);
        var alice = UserReference.From(null, EmulatorDefaults.AliceSubject, null)!;

        AccessToken m2m = await issuer.GetAccessTokenAsync(CancellationToken.None);
        AccessToken again = await issuer.GetAccessTokenAsync(CancellationToken.None);
        IssuedToken impersonation = await issuer.GetImpersonationTokenAsync(alice, CancellationToken.None);
        IssuedToken impersonationAgain = await issuer.GetImpersonationTokenAsync(alice, CancellationToken.None);

        Assert.Same(m2m, again);
        Assert.Same(impersonation.Token, impersonationAgain.Token);
        Assert.NotEqual(m2m.Value, impersonation.Token.Value);
        Assert.Equal(2, TokenRequests);
        Assert.Equal(2, Session.Tokens.Count);
    }

    [Fact]
    public async Task ScopesInAnotherOrderShareAToken_OtherScopesDoNot()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin, null, "user_default", "admin_classic");

        AccessToken both = await new TokenIssuer(Connection, client, "user_default admin_classic", Session.Tokens, null).GetAccessTokenAsync(CancellationToken.None);
        AccessToken reordered = await new TokenIssuer(Connection, client, "admin_classic user_default", Session.Tokens, null).GetAccessTokenAsync(CancellationToken.None);
        AccessToken narrow = await new TokenIssuer(Connection, client, "user_default", Session.Tokens, null).GetAccessTokenAsync(CancellationToken.None);

        Assert.Same(both, reordered);
        Assert.NotSame(both, narrow);
        Assert.Equal(2, TokenRequests);
    }

    [Fact]
    public async Task AWrongSecretIsNeverAnsweredFromTheCache()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        await new TokenIssuer(Connection, client, null, Session.Tokens, null).GetAccessTokenAsync(CancellationToken.None);
        var impostor = new ClientSecretAuthentication(client.ClientId, SecretText.Protect("not-the-secret"));

        var error = await Assert.ThrowsAsync<QlikTokenException>(() => new TokenIssuer(Connection, impostor, null, Session.Tokens, null).GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(TokenFailureReason.InvalidClientCredentials, error.Reason);
        Assert.Equal(2, TokenRequests);
    }

    [Fact]
    public async Task ATokenIsRefreshedOnceItIsWithinTheMarginOfItsExpiry()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var cache = new TokenCache(clock) { RefreshMargin = TimeSpan.FromMinutes(10) };
        var issuer = new TokenIssuer(Connection, client, null, cache, null);
        AccessToken first = await issuer.GetAccessTokenAsync(CancellationToken.None);

        clock.Set(first.ExpiresAt - TimeSpan.FromMinutes(11));
        AccessToken stillCached = await issuer.GetAccessTokenAsync(CancellationToken.None);
        clock.Set(first.ExpiresAt - TimeSpan.FromMinutes(9));
        AccessToken refreshed = await issuer.GetAccessTokenAsync(CancellationToken.None);

        Assert.Same(first, stillCached);
        Assert.NotEqual(first.Value, refreshed.Value);
        Assert.Equal(2, TokenRequests);
    }

    [Fact]
    public void TheDefaultMarginIsFiveMinutesAndCannotBeNegative()
    {
        var cache = new TokenCache(TimeProvider.System);

        Assert.Equal(TimeSpan.FromMinutes(5), cache.RefreshMargin);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.RefreshMargin = TimeSpan.FromSeconds(-1));
    }

    [Fact]
    public async Task SixteenConcurrentCallersShareOneTokenRequest()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        // A slow token endpoint keeps the first request in flight while the other callers arrive.
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Delay = TimeSpan.FromMilliseconds(500) });
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await issuer.GetAccessTokenAsync(CancellationToken.None);
        })).ToList();
        start.Set();
        AccessToken[] tokens = await Task.WhenAll(callers);

        Assert.Equal(1, TokenRequests);
        Assert.All(tokens, token => Assert.Same(tokens[0], token));
    }

    [Fact]
    public async Task OneCallerGivingUpDoesNotFailTheOthersSharingTheRequest()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Delay = TimeSpan.FromMilliseconds(500) });
        using var impatient = new CancellationTokenSource();

        Task<AccessToken> cancelled = issuer.GetAccessTokenAsync(impatient.Token);
        Task<AccessToken> patient = issuer.GetAccessTokenAsync(CancellationToken.None);
        impatient.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(string.IsNullOrEmpty((await patient).Value));
        Assert.Equal(1, TokenRequests);
    }

    [Fact]
    public async Task ATokenRefusedOnUseIsDroppedAndReplaced()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        AccessToken stale = await issuer.GetAccessTokenAsync(CancellationToken.None);
        Emulator.InvalidateAllTokens();

        ClientCheckResult check = await ClientCheck.RunAsync(issuer, null, null, CancellationToken.None);
        AccessToken next = await issuer.GetAccessTokenAsync(CancellationToken.None);

        Assert.True(check.Succeeded);
        Assert.NotEqual(stale.Value, check.Token!.Value);
        Assert.Same(check.Token, next);
        Assert.Equal(2, TokenRequests);
        Assert.Contains(Emulator.Requests, request => request.Path == "/api/v1/users/me" && request.Status == 401);
    }

    [Fact]
    public async Task RemoveDropsOnlyThatToken()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        AccessToken first = await issuer.GetAccessTokenAsync(CancellationToken.None);

        Assert.True(Session.Tokens.Remove(first));
        AccessToken second = await issuer.GetAccessTokenAsync(CancellationToken.None);

        Assert.False(Session.Tokens.Remove(first));
        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(1, Session.Tokens.Count);
    }

    [Fact]
    public async Task WithoutACacheEveryCallAsksTheTenant()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, null, null);

        await issuer.GetAccessTokenAsync(CancellationToken.None);
        await issuer.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(2, TokenRequests);
        Assert.Equal(0, Session.Tokens.Count);
    }
}
