using QlikCloud.Emulator;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>Trying a client with no user named: an impersonation-only client is tried as itself, never advised to widen.</summary>
public sealed class ClientCheckTests : TenantFixture
{
    private async Task<TokenIssuer> ImpersonationOnlyAsync() =>
        new(Connection, await TokenTestClients.SecretClientAsync(Connection, Admin, [GrantTypes.UserImpersonation]), null, null, null);

    [Fact]
    public async Task WithNoUserAnImpersonationOnlyClientImpersonatesTheSessionsUser()
    {
        ClientCheckResult check = await ClientCheck.RunAsync(await ImpersonationOnlyAsync(), null, Session.User, CancellationToken.None);

        Assert.True(check.Succeeded, check.Explanation);
        Assert.Equal(GrantTypes.UserImpersonation, check.GrantType);
        Assert.Equal(EmulatorDefaults.AdminUserId, check.ActsAs!.Id);
        Assert.Contains($"impersonating the session's user {EmulatorDefaults.AdminSubject}", check.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoUserAndOnlyABotUserInTheSessionTheReasonSaysToNameAUser()
    {
        var bot = new QlikUser { Id = "650000000000000000000abc", Subject = @"qlikbot\0a1b2c" };

        ClientCheckResult check = await ClientCheck.RunAsync(await ImpersonationOnlyAsync(), null, bot, CancellationToken.None);

        Assert.Equal(TokenFailureReason.GrantNotAllowed, check.Reason);
        Assert.Contains("-UserId, -Subject or -Email", check.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Set-QlikOAuthClient", check.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, Emulator.Requests.Count(request => request.Path == "/oauth/token"));
    }
}
