using System.Management.Automation;
using System.Net;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Qlik's two tutorials, each as one chain bound by property name: connect, client, consent Trusted, token, users/me.</summary>
public sealed class TokenTutorialTests : TokenTestBase
{
    [Fact]
    public void MachineToMachine()
    {
        RunResult result = Shell.Run("""
            Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey | Out-Null
            $client = New-QlikOAuthClient -Name 'M2M tutorial' -Scope user_default, admin_classic | Set-QlikOAuthConsent -PassThru
            $token = $client | Get-QlikAccessToken
            $token
            Invoke-QlikRestMethod /api/v1/users/me -AccessToken $token
            $client | Test-QlikOAuthClient
            """);

        result.AssertNoErrors();
        PSObject token = result.Output[0];
        string clientId = token.Prop<string>("ClientId")!;
        Assert.Equal(ClientCredentials, token.Prop<string>("GrantType"));
        Assert.Equal($@"qlikbot\{clientId}", result.Output[1].Prop<string>("subject"));
        Assert.Equal(TestResultType, result.Output[2].BaseObject.GetType().FullName);
        Assert.True(result.Output[2].Prop<bool>("IsBotUser"));
        Assert.Contains(Emulator.Requests, request => request.Method == "PATCH" && request.Path.EndsWith("/connection-configs/me", StringComparison.Ordinal));
        Secrets.Add(((PSCredential)((PSObject)Shell.GetVariable("client")!).Properties["Credential"].Value).GetNetworkCredential().Password);
        AssertNoSecretText(result);
    }

    [Fact]
    public void ImpersonationWithAPrivateKey()
    {
        Shell.SetVariable("KeyPath", Path.Combine(TempDir, "embed.pem"));

        RunResult result = Shell.Run($"""
            Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey | Out-Null
            $token = New-QlikOAuthKey -Path $KeyPath -Algorithm ES384 |
                New-QlikOAuthClient -Name 'Embedding backend' -Impersonation |
                Set-QlikOAuthConsent -PassThru |
                Get-QlikImpersonationToken -Subject '{EmulatorDefaults.AliceSubject}'
            $token
            Invoke-QlikRestMethod /api/v1/users/me -AccessToken $token
            """);

        result.AssertNoErrors();
        PSObject token = result.Output[0];
        Assert.Equal(Impersonation, token.Prop<string>("GrantType"));
        Assert.Equal(EmulatorDefaults.AliceSubject, token.Prop<string>("Subject"));
        Assert.Equal(EmulatorDefaults.AliceId, result.Output[1].Prop<string>("id"));
        var tokenRequest = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
        Assert.Contains("client_assertion", tokenRequest.Body);
        AssertNoSecretText(result);
    }
}
