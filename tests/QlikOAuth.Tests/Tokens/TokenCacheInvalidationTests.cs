using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>
/// The cache never hands out a token it knows may be dead: a changed or deleted client's tokens go, expiry is on the
/// local clock, the size is capped, and the admin client's own token lives in the same cache.
/// </summary>
public sealed class TokenCacheInvalidationTests : TenantFixture
{
    private int TokenRequests => Emulator.Requests.Count(request => request.Path == "/oauth/token");

    private OAuthClientsApi Clients => new(Session.Connection, Session.Credential, Session.Tokens);

    [Fact]
    public async Task DeletingAClientDropsItsTokens_SoTheNextCallAsksTheTenant()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        await issuer.GetAccessTokenAsync(CancellationToken.None);

        await Clients.DeleteAsync(client.ClientId, CancellationToken.None);

        Assert.Equal(0, Session.Tokens.Count);
        var error = await Assert.ThrowsAsync<QlikTokenException>(() => issuer.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(TokenFailureReason.UnknownClient, error.Reason);
    }

    [Fact]
    public async Task RemovingASecretDropsTheClientsTokens_SoTheRemovedSecretIsRefused()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        await issuer.GetAccessTokenAsync(CancellationToken.None);
        NewClientSecret second = await Clients.AddSecretAsync(client.ClientId, CancellationToken.None);
        string firstHint = (await Clients.GetAsync(client.ClientId, CancellationToken.None)).SecretHints.Single(hint => hint != second.Hint);

        await Clients.RemoveSecretAsync(client.ClientId, firstHint, CancellationToken.None);

        var error = await Assert.ThrowsAsync<QlikTokenException>(() => issuer.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(TokenFailureReason.InvalidClientCredentials, error.Reason);
    }

    [Fact]
    public async Task ChangingAuthMethodsDropsTheTokens_ARenameKeepsThem()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, Session.Tokens, null);
        AccessToken first = await issuer.GetAccessTokenAsync(CancellationToken.None);

        await Clients.UpdateAsync(client.ClientId, new ClientDefinition { ClientName = "renamed" }, CancellationToken.None);
        Assert.Same(first, await issuer.GetAccessTokenAsync(CancellationToken.None));

        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.ES384, 2048, "kid-rotated");
        await Clients.UpdateAsync(
            client.ClientId,
            new ClientDefinition { AllowedAuthMethods = [ClientVocabulary.PrivateKeyJwtMethod], PublicKeys = [key.PublicJwk] },
            CancellationToken.None);

        Assert.Equal(0, Session.Tokens.Count);
        await Assert.ThrowsAsync<QlikTokenException>(() => issuer.GetAccessTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ExpiryIsTheLocalClockPlusExpiresIn_WhenTheTenantClockIsAhead()
    {
        DateTimeOffset localNow = DateTimeOffset.UtcNow;

        // The tenant's clock is two hours ahead: its expires_at is two hours after the token's real end on ours.
        AccessToken token = await TokenFromSkewedTenantAsync(TimeSpan.FromHours(2), localNow);

        Assert.Equal(localNow.AddHours(6), token.ExpiresAt);
    }

    [Fact]
    public async Task ExpiryIsNeverLaterThanExpiresAt_WhenTheTenantClockIsBehind()
    {
        DateTimeOffset localNow = DateTimeOffset.UtcNow;

        AccessToken token = await TokenFromSkewedTenantAsync(TimeSpan.FromHours(-2), localNow);

        Assert.InRange(token.ExpiresAt, localNow.AddHours(4).AddSeconds(-1), localNow.AddHours(4).AddSeconds(1));
    }

    [Fact]
    public async Task TheCacheKeepsAtMostItsCapacity_DroppingTheLeastRecentlyUsed()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var cache = new TokenCache(TimeProvider.System) { Capacity = 2 };
        var issuer = new TokenIssuer(Connection, client, null, cache, null);
        UserReference alice = UserReference.From(EmulatorDefaults.AliceId, null, null)!;
        UserReference bob = UserReference.From(EmulatorDefaults.BobId, null, null)!;
        UserReference carol = UserReference.From(EmulatorDefaults.CarolId, null, null)!;

        IssuedToken aliceToken = await issuer.GetImpersonationTokenAsync(alice, CancellationToken.None);
        await issuer.GetImpersonationTokenAsync(bob, CancellationToken.None);
        await issuer.GetImpersonationTokenAsync(alice, CancellationToken.None);
        await issuer.GetImpersonationTokenAsync(carol, CancellationToken.None);
        int requestsBefore = TokenRequests;

        Assert.Equal(2, cache.Count);
        Assert.Same(aliceToken.Token, (await issuer.GetImpersonationTokenAsync(alice, CancellationToken.None)).Token);
        Assert.Equal(requestsBefore, TokenRequests);
        await issuer.GetImpersonationTokenAsync(bob, CancellationToken.None);
        Assert.Equal(requestsBefore + 1, TokenRequests);
    }

    [Fact]
    public void LoweringTheCapacityDropsTokensAndZeroIsRefused()
    {
        var cache = new TokenCache(TimeProvider.System);

        Assert.Equal(TokenCache.DefaultCapacity, cache.Capacity);
        Assert.Equal(10_000, TokenCache.DefaultCapacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Capacity = 0);
    }

    [Fact]
    public async Task TheAdminClientsTokenLivesInTheSessionCache_AndARefusedOneIsReplacedForEveryone()
    {
        var admin = await TokenTestClients.SecretClientAsync(Connection, Admin, [GrantTypes.ClientCredentials], "admin_classic");
        var credential = new OAuthClientCredential(admin);
        using TenantSession session = await TenantSession.ConnectAsync(Emulator.BaseUrl, credential, HttpOptions, null, CancellationToken.None);
        Assert.Same(credential.Tokens, session.Tokens);
        Assert.Equal(1, session.Tokens.Count);
        int requestsBefore = TokenRequests;

        Emulator.InvalidateAllTokens();
        await UsersApi.GetMeAsync(session.Connection, credential, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => UsersApi.GetMeAsync(session.Connection, credential, CancellationToken.None)));

        // One new token after the refusal; the callers after it are served the new one from the shared cache.
        Assert.Equal(requestsBefore + 1, TokenRequests);
        Assert.Equal(1, session.Tokens.Count);
    }

    [Fact]
    public async Task RemovingTheAdminClientsOwnSecretDropsTheSessionsToken()
    {
        var admin = await TokenTestClients.SecretClientAsync(Connection, Admin, [GrantTypes.ClientCredentials], "admin_classic");
        using TenantSession session = await TenantSession.ConnectAsync(Emulator.BaseUrl, new OAuthClientCredential(admin), HttpOptions, null, CancellationToken.None);
        var clients = new OAuthClientsApi(session.Connection, session.Credential, session.Tokens);
        NewClientSecret second = await clients.AddSecretAsync(admin.ClientId, CancellationToken.None);
        string firstHint = (await clients.GetAsync(admin.ClientId, CancellationToken.None)).SecretHints.Single(hint => hint != second.Hint);

        await clients.RemoveSecretAsync(admin.ClientId, firstHint, CancellationToken.None);

        Assert.Equal(0, session.Tokens.Count);
    }

    [Fact]
    public async Task AnInvalidationWinsOverAFetchInFlight_ItsTokenIsNeitherStoredNorShared()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var cache = new TokenCache(TimeProvider.System);
        var request = new TokenRequest(GrantTypes.ClientCredentials, client);
        // The tenant holds the first token request: the invalidation below surely comes while it is in flight.
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Method = "POST", Delay = TimeSpan.FromSeconds(3) });
        Task<AccessToken> inFlight = cache.GetAsync(Connection, request, CancellationToken.None);

        cache.RemoveClient(client.ClientId);
        Assert.False(inFlight.IsCompleted, "the held token request answered before the invalidation");
        AccessToken afterInvalidation = await cache.GetAsync(Connection, request, CancellationToken.None);
        AccessToken stale = await inFlight;

        // A caller after the invalidation does not join the older request, and the older token does not overwrite the newer.
        Assert.NotEqual(stale.Value, afterInvalidation.Value);
        Assert.Same(afterInvalidation, await cache.GetAsync(Connection, request, CancellationToken.None));
        Assert.Equal(1, cache.Count);
    }

    /// <summary>An M2M token from a tenant whose clock is <paramref name="skew"/> off ours, cached on a clock stopped at <paramref name="localNow"/>.</summary>
    private async Task<AccessToken> TokenFromSkewedTenantAsync(TimeSpan skew, DateTimeOffset localNow)
    {
        await using var emulator = await TenantEmulator.StartAsync(new EmulatorOptions { Clock = new ManualClock(DateTimeOffset.UtcNow + skew) });
        using var session = await TenantSession.ConnectAsync(
            emulator.BaseUrl, new ApiKeyCredential(new System.Net.NetworkCredential(string.Empty, emulator.AdminApiKey).SecurePassword), HttpOptions, null, CancellationToken.None);
        var client = await TokenTestClients.SecretClientAsync(session.Connection, session.Credential);
        return await new TokenIssuer(session.Connection, client, null, new TokenCache(new ManualClock(localNow)), null).GetAccessTokenAsync(CancellationToken.None);
    }
}
