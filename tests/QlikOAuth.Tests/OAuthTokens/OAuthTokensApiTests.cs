using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.OAuthTokens;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;
using QlikOAuth.Tests.Tokens;

namespace QlikOAuth.Tests.OAuthTokens;

/// <summary>The token audit over real HTTP: listing by user, revocation by id, and one user's sign-out leaving the others working.</summary>
public sealed class OAuthTokensApiTests : TenantFixture
{
    private OAuthTokensApi Api => new(Session.Connection, Session.Credential);

    private async Task<AccessToken> ImpersonateAsync(TokenIssuer issuer, string userId) =>
        (await issuer.GetImpersonationTokenAsync(UserReference.From(userId, null, null)!, CancellationToken.None)).Token;

    private Task<QlikUser> MeAsync(AccessToken token) => UsersApi.GetMeAsync(Connection, new AccessTokenCredential(token), CancellationToken.None);

    [Fact]
    public async Task ListShowsWhoseTokenAndWhichClientAndPagesThroughAll()
    {
        var issuer = new TokenIssuer(Connection, await TokenTestClients.SecretClientAsync(Connection, Admin), null, null, null);
        for (int i = 0; i < 101; i++)
        {
            await ImpersonateAsync(issuer, EmulatorDefaults.BobId);
        }

        AccessToken alice = await ImpersonateAsync(issuer, EmulatorDefaults.AliceId);
        await MeAsync(alice);

        Assert.Equal(102, (await Api.ListAsync(null, CancellationToken.None)).Count);
        OAuthTokenRecord aliceToken = Assert.Single(await Api.ListAsync(EmulatorDefaults.AliceId, CancellationToken.None));
        Assert.Equal(EmulatorDefaults.TenantId, aliceToken.TenantId);
        Assert.StartsWith("token test client", aliceToken.Description, StringComparison.Ordinal);
        Assert.NotNull(aliceToken.LastUsed);
        Assert.DoesNotContain(alice.Value, aliceToken.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutOfOneUserRevokesTheirTokensAndLeavesOthersWorking()
    {
        var issuer = new TokenIssuer(Connection, await TokenTestClients.SecretClientAsync(Connection, Admin), null, null, null);
        AccessToken alice1 = await ImpersonateAsync(issuer, EmulatorDefaults.AliceId);
        AccessToken alice2 = await ImpersonateAsync(issuer, EmulatorDefaults.AliceId);
        AccessToken bob = await ImpersonateAsync(issuer, EmulatorDefaults.BobId);

        string userId = await Api.ResolveUserIdAsync(UserReference.From(null, null, EmulatorDefaults.AliceEmail)!, CancellationToken.None);
        Assert.Equal(EmulatorDefaults.AliceId, userId);
        foreach (OAuthTokenRecord token in await Api.ListAsync(userId, CancellationToken.None))
        {
            await Api.RevokeAsync(token.Id, CancellationToken.None);
        }

        foreach (AccessToken revoked in new[] { alice1, alice2 })
        {
            var refused = await Assert.ThrowsAsync<QlikApiException>(() => MeAsync(revoked));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal("Bob", (await MeAsync(bob)).Name);
        Assert.Empty(await Api.ListAsync(EmulatorDefaults.AliceId, CancellationToken.None));
    }

    [Fact]
    public async Task OneUsersTokensAreCheckedAgainstTheUserWhenTheTenantIgnoresTheFilter()
    {
        var issuer = new TokenIssuer(Connection, await TokenTestClients.SecretClientAsync(Connection, Admin), null, null, null);
        await ImpersonateAsync(issuer, EmulatorDefaults.AliceId);
        await ImpersonateAsync(issuer, EmulatorDefaults.BobId);
        await ImpersonateAsync(issuer, EmulatorDefaults.BobId);
        Emulator.SetIgnoreTokenUserFilter(true);
        var warnings = new List<string>();

        List<OAuthTokenRecord> alice;
        using (QlikLog.BeginScope((level, message) => { if (level == QlikLogLevel.Warning) { warnings.Add(message); } }, detailed: false))
        {
            alice = await Api.ListOfUserAsync(UserReference.From(null, null, EmulatorDefaults.AliceEmail)!, CancellationToken.None);
        }

        Assert.Equal(EmulatorDefaults.AliceId, Assert.Single(alice).UserId);
        Assert.Contains("listed 2 token(s) of other users", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal(3, (await Api.ListAsync(EmulatorDefaults.AliceId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ASubjectResolvesToItsUserAndAnUnknownOneSaysSo()
    {
        Assert.Equal(EmulatorDefaults.BobId, await Api.ResolveUserIdAsync(UserReference.From(null, EmulatorDefaults.BobSubject, null)!, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.ResolveUserIdAsync(UserReference.From(null, "auth0|nobody", null)!, CancellationToken.None));
        Assert.Equal(UsersApiErrors.UserNotFoundBySubject, unknown.ErrorId);
    }

    [Fact]
    public async Task RevokingATokenThatIsGoneIsNotFound()
    {
        var gone = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.RevokeAsync("650000000000000000000fff", CancellationToken.None));
        Assert.Equal(OAuthTokenErrors.OAuthTokenNotFound, gone.ErrorId);
        var invalid = await Assert.ThrowsAsync<QlikValidationException>(() => Api.RevokeAsync("a/b", CancellationToken.None));
        Assert.Equal(OAuthTokensApi.InvalidTokenId, invalid.ErrorId);
    }
}
