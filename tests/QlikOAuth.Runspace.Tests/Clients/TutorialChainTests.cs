using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Qlik's two tutorials as one pipeline each, binding by property name from cmdlet to cmdlet.</summary>
public sealed class TutorialChainTests : ClientTestBase
{
    [Fact]
    public async Task M2MTutorialCreateTrustGetATokenAndSeeTheBotUser()
    {
        RunResult result = Run(
            "$client = New-QlikOAuthClient -Name 'M2M tutorial' | Set-QlikOAuthConsent -PassThru\n" +
            "$client\n" +
            "$client | Get-QlikAccessToken | ForEach-Object { (Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $_).subject }");

        result.AssertNoErrors();
        PSObject client = result.Output[0];
        Assert.Equal(ClientType, client.BaseObject.GetType().FullName);
        string clientId = client.Prop<string>("ClientId")!;
        Assert.Equal($"qlikbot\\{clientId}", result.Output[1].BaseObject);
        Assert.Equal("trusted", await TenantConsentAsync(clientId));
        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/token" && request.Status == 200 && request.CallerId == $"client:{clientId}");
    }

    [Fact]
    public async Task ImpersonationTutorialKeyToClientToConsentCarriesEverythingTheTokenCmdletsBind()
    {
        string keyPath = Path.Combine(TempDir, "k.pem");

        RunResult result = Run($"New-QlikOAuthKey -Path '{keyPath}' | New-QlikOAuthClient -Name app -Impersonation -AllowedOrigin https://custom-app.com | Set-QlikOAuthConsent -PassThru");

        PSObject client = result.Single(ClientType);
        string clientId = client.Prop<string>("ClientId")!;
        Assert.Equal(clientId, client.Prop<PSCredential>("Credential")!.UserName);
        Assert.Equal(keyPath, client.Prop<string>("PrivateKeyPath"));
        Assert.Equal(Assert.Single(client.Prop<string[]>("PublicKeyIds")!), client.Prop<string>("KeyId"));
        PSObject registered = PSObject.AsPSObject(Assert.Single(client.Prop<object[]>("PublicKeys")!));
        Assert.Equal((clientId, client.Prop<string>("KeyId"), "RSA", "RS256"), (registered.Prop<string>("ClientId"), registered.Prop<string>("KeyId"), registered.Prop<string>("KeyType"), registered.Prop<string>("Algorithm")));
        Assert.DoesNotContain("\"d\"", registered.Prop<string>("Jwk"));
        Assert.Equal(new[] { "urn:qlik:oauth:user-impersonation" }, client.Prop<string[]>("GrantTypes"));
        Assert.Equal(new[] { "client_secret", "private_key_jwt" }, client.Prop<string[]>("AuthenticationMethods"));
        Assert.Equal("trusted", client.Prop<string>("ConsentMethod"));
        Assert.Equal("trusted", await TenantConsentAsync(clientId));
    }

    [Fact]
    public void TheImpersonationClientFeedsTheImpersonationTokenCmdletBySecretAndByKey()
    {
        RunResult result = Run(
            $"$client = New-QlikOAuthKey -Path '{TempDir}/k.pem' | New-QlikOAuthClient -Name app -Impersonation | Set-QlikOAuthConsent -PassThru\n" +
            $"$client | Get-QlikImpersonationToken -Subject '{EmulatorDefaults.AliceSubject}' | Out-Null\n" +
            $"Get-QlikImpersonationToken -Credential $client.Credential -Subject '{EmulatorDefaults.AliceSubject}' -NoCache | Out-Null\n" +
            $"Get-QlikImpersonationToken -ClientId $client.ClientId -PrivateKeyPath $client.PrivateKeyPath -KeyId $client.KeyId -Subject '{EmulatorDefaults.AliceSubject}' -NoCache | Out-Null\n" +
            "$client.ClientId");

        result.AssertNoErrors();
        string clientId = (string)Assert.Single(result.Output).BaseObject;
        var issued = Emulator.Requests.Where(request => request.Path == "/oauth/token" && request.Status == 200).ToList();
        Assert.Contains(issued, request => request.Body.Contains("client_secret\""));
        Assert.Contains(issued, request => request.Body.Contains("client_assertion\""));
        Assert.All(issued, request => Assert.Contains(clientId, request.CallerId));
    }
}
