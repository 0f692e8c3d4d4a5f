using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>A client registered by -JwksUri gets private key JWT tokens through the cmdlets, the tenant reading the key from the URL.</summary>
public sealed class JwksUriCmdletTests : ClientTestBase
{
    protected override void Configure(EmulatorOptions options) => options.FetchLoopbackJwks = true;

    [Fact]
    public void ATokenIsIssuedWithTheKeyTheJwksUrlServes()
    {
        Shell.SetVariable("Jwks", Emulator.ServeJwks("app", "{\"keys\":[]}"));
        RunResult result = Run(
            $"$key = New-QlikOAuthKey -Path '{TempDir}/app.pem' -KeyId app-key\n" +
            "$client = New-QlikOAuthClient -Name byurl -JwksUri $Jwks -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            "$key.PublicKey\n" +
            "$client.ClientId");
        result.AssertNoErrors();
        Emulator.ServeJwks("app", $"{{\"keys\":[{result.Output[0]}]}}");

        RunResult token = Run($"Get-QlikAccessToken -ClientId {result.Output[1]} -PrivateKeyPath '{TempDir}/app.pem' -KeyId app-key");

        token.AssertNoErrors();
        Assert.Single(token.Output);
        Assert.Equal(200, Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token").Status);
    }
}
