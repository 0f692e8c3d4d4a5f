using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Against a tenant that requires client authentication on /oauth/revoke (RFC 7009 section 2.1).</summary>
public sealed class AuthenticatedRevokeTests : TokenTestBase
{
    protected override void Configure(EmulatorOptions options) => options.RequireClientAuthOnRevoke = true;

    [Fact]
    public async Task TheTokenAloneIsRefusedLoudly()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Get-QlikAccessToken -Credential $Client | Revoke-QlikAccessToken -Confirm:$false");

        Assert.Equal("QlikApi.Unauthorized,QlikOAuth.Commands.RevokeQlikAccessTokenCommand", TheError(result).FullyQualifiedErrorId);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task WithTheClientsSecretTheRevocationIsAuthenticatedAndTheTokenDies()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(
            "$t = Get-QlikAccessToken -Credential $Client; $t | Revoke-QlikAccessToken -Credential $Client -Confirm:$false; " +
            "Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t -ErrorAction SilentlyContinue -ErrorVariable refused; $refused.Count");

        Assert.Equal(1, Assert.Single(result.Output).BaseObject);
        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/revoke" && request.Status == 200 && request.Body.Contains("client_secret", StringComparison.Ordinal));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task WithTheClientsPrivateKeyTheRevocationIsSignedAsTheClient()
    {
        await ArrangeKeyClientAsync("ES384");

        RunResult result = RunConnected(
            "$t = Get-QlikAccessToken -ClientId $ClientId -PrivateKeyPath $KeyPath -KeyId kid-ES384; " +
            "$t | Revoke-QlikAccessToken -PrivateKeyPath $KeyPath -KeyId kid-ES384 -Confirm:$false");

        result.AssertNoErrors();
        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/revoke" && request.Status == 200 && request.Body.Contains("client_assertion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherClientsCredentialIsRefusedBeforeAnyRequest()
    {
        await ArrangeClientAsync();
        Shell.SetVariable("Other", new System.Management.Automation.PSCredential("someone-else", Secure("x")));

        RunResult result = RunConnected("Get-QlikAccessToken -Credential $Client | Revoke-QlikAccessToken -Credential $Other -Confirm:$false");

        Assert.Equal("ClientIdMismatch,QlikOAuth.Commands.RevokeQlikAccessTokenCommand", TheError(result).FullyQualifiedErrorId);
        Assert.DoesNotContain(Emulator.Requests, request => request.Path == "/oauth/revoke");
    }
}
