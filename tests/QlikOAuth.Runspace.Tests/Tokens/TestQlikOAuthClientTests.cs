using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Test-QlikOAuthClient: who the token acts as, and each refusal in plain words.</summary>
public sealed class TestQlikOAuthClientTests : TokenTestBase
{
    [Fact]
    public async Task AnM2MClientActsAsItsBotUser()
    {
        string clientId = await ArrangeClientAsync();

        RunResult result = RunConnected("Test-QlikOAuthClient -Credential $Client");

        PSObject test = result.Single(TestResultType);
        Assert.True(test.Prop<bool>("Success"));
        Assert.Equal($@"qlikbot\{clientId}", test.Prop<string>("ActsAs"));
        Assert.True(test.Prop<bool>("IsBotUser"));
        Assert.Equal(ClientCredentials, test.Prop<string>("GrantType"));
        Assert.Null(test.Prop<string>("Reason"));
        Assert.Contains(Emulator.Requests, request => request.Path == "/api/v1/users/me" && request.CallerId == $"client:{clientId}");
        AssertNoSecretText(result);
    }

    [Theory]
    [InlineData("-Subject", EmulatorDefaults.AliceSubject)]
    [InlineData("-UserId", EmulatorDefaults.AliceId)]
    [InlineData("-Email", EmulatorDefaults.AliceEmail)]
    public async Task AnImpersonationClientActsAsTheUser(string parameter, string value)
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected($"Test-QlikOAuthClient -Credential $Client {parameter} '{value}' -Scope user_default");

        PSObject test = result.Single(TestResultType);
        Assert.True(test.Prop<bool>("Success"));
        Assert.Equal(EmulatorDefaults.AliceSubject, test.Prop<string>("ActsAs"));
        Assert.Equal(EmulatorDefaults.AliceId, test.Prop<string>("UserId"));
        Assert.False(test.Prop<bool>("IsBotUser"));
        Assert.Equal("user_default", test.Prop<string>("Scope"));
    }

    [Theory]
    [InlineData("wrong secret", "InvalidClientCredentials", "secret is wrong")]
    [InlineData("grant", "GrantNotAllowed", "does not allow this grant")]
    [InlineData("consent", "ConsentNotTrusted", "Set-QlikOAuthConsent")]
    [InlineData("scope", "ScopeNotAllowed", "allowed scopes")]
    [InlineData("user", "UserNotFound", "not found")]
    [InlineData("email", "UserNotFound", "nobody@example.com")]
    public async Task ARefusalSaysWhyInPlainWords(string problem, string reason, string words)
    {
        string clientId = await ArrangeClientAsync(grants: problem == "grant" ? [ClientCredentials] : null, trusted: problem != "consent");
        if (problem == "wrong secret")
        {
            Shell.SetVariable("Client", new PSCredential(clientId, Secure("not-the-secret")));
        }

        string extra = problem switch
        {
            "grant" => "-Subject 'auth0|alice'",
            "scope" => "-Scope admin_classic",
            "user" => "-Subject 'auth0|nobody'",
            "email" => "-Email nobody@example.com",
            _ => string.Empty,
        };

        RunResult result = RunConnected($"Test-QlikOAuthClient -Credential $Client {extra}");

        PSObject test = result.Single(TestResultType);
        Assert.False(test.Prop<bool>("Success"));
        Assert.Equal(reason, test.Prop<string>("Reason"));
        Assert.Contains(words, test.Prop<string>("Message"));
        Assert.DoesNotContain("Set-QlikOAuthClient", test.Prop<string>("Message"), StringComparison.Ordinal); // never advice to widen a client
        Assert.Null(test.Prop<string>("ActsAs"));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task WithNoUserAnImpersonationOnlyClientImpersonatesTheSessionsUserAndSaysWho()
    {
        await ArrangeClientAsync(grants: [Impersonation]);

        RunResult result = RunConnected("Test-QlikOAuthClient -Credential $Client");

        PSObject test = result.Single(TestResultType);
        Assert.True(test.Prop<bool>("Success"), test.Prop<string>("Message"));
        Assert.Equal(Impersonation, test.Prop<string>("GrantType"));
        Assert.Equal(EmulatorDefaults.AdminSubject, test.Prop<string>("ActsAs"));
        Assert.Equal(EmulatorDefaults.AdminUserId, test.Prop<string>("UserId"));
        Assert.Contains($"impersonating the session's user {EmulatorDefaults.AdminSubject}", test.Prop<string>("Message"), StringComparison.Ordinal);
        Assert.DoesNotContain("Set-QlikOAuthClient", test.Prop<string>("Message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoUserAndNoSessionAnImpersonationOnlyClientIsToldToNameAUserNotToWidenTheClient()
    {
        await ArrangeClientAsync(grants: [Impersonation]);

        RunResult result = Shell.Run("Test-QlikOAuthClient -TenantUrl $TenantUrl -Credential $Client");

        PSObject test = result.Single(TestResultType);
        Assert.False(test.Prop<bool>("Success"));
        Assert.Equal("GrantNotAllowed", test.Prop<string>("Reason"));
        Assert.Contains("-UserId, -Subject or -Email", test.Prop<string>("Message"), StringComparison.Ordinal);
        Assert.DoesNotContain("Set-QlikOAuthClient", test.Prop<string>("Message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenTheTenantNoLongerAcceptsIsDroppedAndReplaced()
    {
        await ArrangeClientAsync();
        RunResult first = RunConnected("Get-QlikAccessToken -Credential $Client");
        Emulator.InvalidateAllTokens();

        RunResult result = Shell.Run("Test-QlikOAuthClient -Credential $Client -Verbose; Get-QlikAccessToken -Credential $Client");

        Assert.True(result.Output[0].Prop<bool>("Success"));
        Assert.NotEqual(TokenText(first.Output[0]), TokenText(result.Output[1]));
        Assert.Equal(2, TokenRequests);
        Assert.Contains(result.Verbose, record => record.Message.Contains("dropping it from the cache"));
    }

    [Fact]
    public async Task AnUnreachableTenantIsAnErrorNotAResult()
    {
        await ArrangeClientAsync();
        Shell.Run(ConnectScript);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Status = 503, Count = 10 });

        RunResult result = Shell.Run("Test-QlikOAuthClient -Credential $Client");

        Assert.Empty(result.Output);
        ErrorRecord error = TheError(result);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
    }

    [Fact]
    public async Task APipedTokenIsTestedAsItIsOnItsOwnTenant()
    {
        string clientId = await ArrangeClientAsync();

        RunResult result = RunConnected(
            $"$t = Get-QlikImpersonationToken -Credential $Client -Subject '{EmulatorDefaults.BobSubject}'; $t | Test-QlikOAuthClient; " +
            "Revoke-QlikAccessToken $t; $t | Test-QlikOAuthClient");

        Assert.Empty(result.Errors);
        PSObject works = result.Output[0], revoked = result.Output[1];
        Assert.Equal((true, EmulatorDefaults.BobSubject, clientId), (works.Prop<bool>("Success"), works.Prop<string>("ActsAs"), works.Prop<string>("ClientId")));
        Assert.Equal((false, "TokenRejected"), (revoked.Prop<bool>("Success"), revoked.Prop<string>("Reason")));
        Assert.Contains("was revoked", revoked.Prop<string>("Message"));
        Assert.Equal(1, TokenRequests);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task APipedTokenWithAClientToTestIsRefusedAsAmbiguous()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Get-QlikAccessToken -Credential $Client | Test-QlikOAuthClient -Credential $Client");

        Assert.StartsWith("TokenAndClient,", TheError(result).FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }
}
