using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Revoke-QlikAccessToken: the tenant forgets the token, and so does the session's cache.</summary>
public sealed class RevokeQlikAccessTokenTests : TokenTestBase
{
    [Fact]
    public async Task ARevokedTokenIsRefusedAndTheNextRequestGetsANewOne()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(
            "$t = Get-QlikAccessToken -Credential $Client; $t | Revoke-QlikAccessToken -Confirm:$false -Verbose; " +
            "Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t -ErrorAction SilentlyContinue -ErrorVariable refused; $refused.Count; " +
            "Get-QlikAccessToken -Credential $Client");

        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/revoke" && request.Status == 200);
        Assert.Equal(1, result.Output[0].BaseObject);
        Assert.Equal(TokenType, result.Output[1].BaseObject.GetType().FullName);
        Assert.Equal(2, TokenRequests);
        Assert.Contains(result.Verbose, record => record.Message.StartsWith("Revoked", StringComparison.Ordinal));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task WhatIfRevokesNothing()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Get-QlikAccessToken -Credential $Client | Revoke-QlikAccessToken -WhatIf");

        Assert.Empty(result.Output);
        Assert.DoesNotContain(Emulator.Requests, request => request.Path == "/oauth/revoke");
    }

    [Fact]
    public async Task ATokenIssuedWithTenantUrlIsRevokedOnItsTenant()
    {
        await ArrangeClientAsync();

        RunResult result = Shell.Run("$t = Get-QlikAccessToken -TenantUrl $TenantUrl -Credential $Client; Revoke-QlikAccessToken -AccessToken $t -Confirm:$false");

        result.AssertNoErrors();
        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/revoke" && request.Status == 200);
    }
}
