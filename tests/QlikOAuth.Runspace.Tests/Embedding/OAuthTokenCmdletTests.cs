using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;
using QlikOAuth.Runspace.Tests.Tokens;

namespace QlikOAuth.Runspace.Tests.Embedding;

/// <summary>Get-QlikOAuthToken and Revoke-QlikOAuthToken: the audit by user, the sign-out, confirmation and -WhatIf.</summary>
public sealed class OAuthTokenCmdletTests : TokenTestBase
{
    public const string AuditType = "QlikOAuth.QlikOAuthToken";

    /// <summary>Two tokens for Alice, one for Bob, from an impersonation client; $Alice1, $Alice2, $Bob hold them.</summary>
    private async Task ArrangeTokensAsync()
    {
        await ArrangeClientAsync();
        RunConnected($"""
            $global:Alice1 = Get-QlikImpersonationToken -Credential $Client -UserId {EmulatorDefaults.AliceId} -NoCache
            $global:Alice2 = Get-QlikImpersonationToken -Credential $Client -Email {EmulatorDefaults.AliceEmail} -NoCache
            $global:Bob = Get-QlikImpersonationToken -Credential $Client -Subject '{EmulatorDefaults.BobSubject}' -NoCache
            """).AssertNoErrors();
    }

    /// <summary>Whether a held token still authenticates GET /api/v1/users/me.</summary>
    private bool Works(string variable) =>
        RunConnected($"Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken ${variable} -ErrorAction SilentlyContinue").Output.Count == 1;

    [Fact]
    public async Task GetListsOneUsersTokensByIdEmailOrSubjectAndEveryonesWithAll()
    {
        await ArrangeTokensAsync();

        Assert.Equal(3, RunConnected("Get-QlikOAuthToken -All").OutputOfType(AuditType).Count);
        IReadOnlyList<PSObject> alice = RunConnected($"Get-QlikOAuthToken -Email {EmulatorDefaults.AliceEmail}").OutputOfType(AuditType);
        Assert.Equal(2, alice.Count);
        Assert.All(alice, token => Assert.Equal(EmulatorDefaults.AliceId, token.Prop<string>("UserId")));
        Assert.All(alice, token => Assert.StartsWith("token client", token.Prop<string>("ClientName"), StringComparison.Ordinal));
        Assert.Single(RunConnected($"Get-QlikOAuthToken -Subject '{EmulatorDefaults.BobSubject}'").OutputOfType(AuditType));
        Assert.Empty(RunConnected("Get-QlikOAuthToken").OutputOfType(AuditType));

        RunResult unknown = RunConnected("Get-QlikOAuthToken -Email nobody@example.com");
        Assert.Equal("UserNotFoundByEmail,QlikOAuth.Commands.GetQlikOAuthTokenCommand", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
        AssertNoSecretText(RunConnected("Get-QlikOAuthToken -All | Format-List * | Out-String"));
    }

    [Fact]
    public async Task SignOutOfOneUserRevokesTheirTokensAndLeavesOthersWorking()
    {
        await ArrangeTokensAsync();

        RunResult result = RunConnected($"Revoke-QlikOAuthToken -Email {EmulatorDefaults.AliceEmail} -Force");

        result.AssertNoErrors();
        Assert.False(Works("Alice1"));
        Assert.False(Works("Alice2"));
        Assert.True(Works("Bob"));
        Assert.Equal(2, RequestsAfterConnect().Count(request => request.Method == "DELETE"));
    }

    [Fact]
    public async Task ASignOutRevokesOnlyItsUsersTokensWhenTheTenantIgnoresTheFilterAndCountsTheOthers()
    {
        await ArrangeTokensAsync();
        Emulator.SetIgnoreTokenUserFilter(true);

        RunResult result = RunConnected($"Revoke-QlikOAuthToken -UserId {EmulatorDefaults.AliceId} -Force");

        result.AssertNoErrors();
        Assert.False(Works("Alice1"));
        Assert.True(Works("Bob"));
        Assert.Equal(2, RequestsAfterConnect().Count(request => request.Method == "DELETE"));
        Assert.Contains("1 token(s) of other users", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
        RunResult audit = RunConnected($"Get-QlikOAuthToken -UserId {EmulatorDefaults.AliceId}");
        Assert.Empty(audit.OutputOfType(AuditType));
        Assert.Contains("1 token(s) of other users", Assert.Single(audit.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserRecordWithoutAnIdIsAnErrorBeforeAnyTokenIsListedOrRevoked()
    {
        await ArrangeTokensAsync();
        Emulator.InjectFault(new FaultSpec
        {
            PathPrefix = "/api/v1/users", Method = "GET",
            MalformedBody = true, MalformedBodyText = $$$"""{"data":[{"id":"","subject":"{{{EmulatorDefaults.BobSubject}}}"}],"links":{}}""",
        });
        Emulator.ClearRequests();

        RunResult result = Shell.Run($"Revoke-QlikOAuthToken -Subject '{EmulatorDefaults.BobSubject}' -Force");

        Assert.Equal("QlikApi.InvalidResponse,QlikOAuth.Commands.RevokeQlikOAuthTokenCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain(Emulator.Requests, request => request.Path.StartsWith("/api/v1/oauth-tokens", StringComparison.Ordinal));
        Assert.True(Works("Alice1"));
        Assert.True(Works("Bob"));
    }

    [Fact]
    public async Task OneTokenIsRevokedWithoutAskingAndAPipedTokenByItsId()
    {
        await ArrangeTokensAsync();

        Emulator.ClearRequests();
        RunConnected($"Get-QlikOAuthToken -Subject '{EmulatorDefaults.BobSubject}' | Revoke-QlikOAuthToken").AssertNoErrors();

        // Bound by the piped token's Id, not its UserId: one listing (Get-QlikOAuthToken's own), then the delete.
        Assert.Single(Emulator.Requests, request => request.Path == "/api/v1/oauth-tokens");
        Assert.False(Works("Bob"));
        Assert.True(Works("Alice1"));
    }

    [Fact]
    public async Task SeveralTokensAskFirstAndWhatIfRevokesNothing()
    {
        await ArrangeTokensAsync();

        RunResult asked = RunConnected($"Revoke-QlikOAuthToken -UserId {EmulatorDefaults.AliceId}");
        Assert.True(asked.HadErrors);
        RunConnected("Get-QlikOAuthToken -All | Revoke-QlikOAuthToken -Force -WhatIf").AssertNoErrors();

        Assert.True(Works("Alice1"));
        Assert.True(Works("Bob"));
        Assert.DoesNotContain(Emulator.Requests, request => request.Method == "DELETE");

        RunConnected("Get-QlikOAuthToken -All | Revoke-QlikOAuthToken -Confirm:$false").AssertNoErrors();
        Assert.False(Works("Alice2"));
        Assert.False(Works("Bob"));
    }

    [Fact]
    public async Task AGoneTokenIsAnErrorThatDoesNotStopTheNext()
    {
        await ArrangeTokensAsync();
        string bobTokenId = RunConnected($"(Get-QlikOAuthToken -UserId {EmulatorDefaults.BobId}).Id").Output.Single().ToString();

        RunResult result = RunConnected($"Revoke-QlikOAuthToken -Id 650000000000000000000fff, {bobTokenId} -Force");

        Assert.Equal("OAuthTokenNotFound,QlikOAuth.Commands.RevokeQlikOAuthTokenCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.False(Works("Bob"));
    }
}
