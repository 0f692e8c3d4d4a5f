using System.Management.Automation;
using System.Net;
using QlikCloud.Emulator.Network;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>-Proxy, -ProxyCredential and -ProxyUseDefaultCredentials through a forward proxy on loopback.</summary>
public sealed class ProxyCmdletTests : TokenTestBase
{
    private const string ProxyPassword = "proxy-pass-e18b";

    /// <summary>Starts the proxy and sets $Proxy (its URL) and $ProxyCredential (the account it wants) for the script.</summary>
    private LoopbackProxy StartProxy(bool requireCredential)
    {
        var proxy = LoopbackProxy.Start(requireCredential ? new NetworkCredential("proxy-user", ProxyPassword) : null);
        Shell.SetVariable("Proxy", proxy.Address.ToString());
        Shell.SetVariable("ProxyCredential", new PSCredential("proxy-user", Secure(ProxyPassword)));
        return proxy;
    }

    [Fact]
    public async Task ASessionKeepsUsingTheProxyItConnectedThrough()
    {
        await ArrangeClientAsync();
        await using LoopbackProxy proxy = StartProxy(requireCredential: true);

        RunResult result = Shell.Run($"{ConnectScript} -Proxy $Proxy -ProxyCredential $ProxyCredential | Out-Null; Get-QlikAccessToken -Credential $Client");

        result.AssertNoErrors();
        Assert.Single(TokensIn(result.Output));
        Assert.Contains(proxy.Requests, line => line.StartsWith("GET " + new Uri(Emulator.BaseUrl, "/api/v1/users/me")));
        Assert.Contains(proxy.Requests, line => line.StartsWith("POST " + new Uri(Emulator.BaseUrl, "/oauth/token")));
        Assert.DoesNotContain(ProxyPassword, result.AllText());
    }

    [Fact]
    public async Task A407SaysWhichParameterFixesIt()
    {
        await using LoopbackProxy proxy = StartProxy(requireCredential: true);

        RunResult result = Shell.Run($"{ConnectScript} -Proxy $Proxy");

        ErrorRecord error = TheError(result);
        Assert.Equal("QlikApi.ProxyAuthenticationRequired,QlikOAuth.Commands.ConnectQlikTenantCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("-ProxyCredential", error.Exception.Message);
        Assert.NotEmpty(proxy.Refused);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task ATokenFromTenantUrlIsRevokedThroughTheSameProxy()
    {
        await ArrangeClientAsync();
        await using LoopbackProxy proxy = StartProxy(requireCredential: false);

        RunResult result = Shell.Run("Get-QlikAccessToken -TenantUrl $TenantUrl -Credential $Client -Proxy $Proxy | Revoke-QlikAccessToken");

        result.AssertNoErrors();
        Assert.Contains(proxy.Requests, line => line.StartsWith("POST " + new Uri(Emulator.BaseUrl, "/oauth/token")));
        Assert.Contains(proxy.Requests, line => line.StartsWith("POST " + new Uri(Emulator.BaseUrl, "/oauth/revoke")));
    }

    [Theory]
    [InlineData("Get-QlikAccessToken -Credential $Client -Proxy $Proxy", "ProxyWithoutTenantUrl")]
    [InlineData("Get-QlikAccessToken -Credential $Client -TenantUrl $TenantUrl -ProxyCredential $ProxyCredential -ProxyUseDefaultCredentials", "ProxyCredentialConflict")]
    [InlineData("Get-QlikAccessToken -Credential $Client -TenantUrl $TenantUrl -Proxy proxy.example.com:8080", "InvalidProxy")]
    [InlineData("Get-QlikAccessToken -Credential $Client -TenantUrl $TenantUrl -Proxy ($Proxy -replace '^http://', 'http://proxy-user:Pr0xy-Pa55@')", "ProxyWithCredentials")]
    [InlineData("Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey -Proxy ($Proxy -replace '^http://', 'http://proxy-user:Pr0xy-Pa55@')", "ProxyWithCredentials")]
    public async Task AProxyThatCannotWorkEndsTheCommand(string script, string errorId)
    {
        await ArrangeClientAsync();
        await using LoopbackProxy proxy = StartProxy(requireCredential: false);

        RunResult result = RunConnected(script);

        Assert.StartsWith(errorId + ",", TheError(result).FullyQualifiedErrorId);
        Assert.DoesNotContain("Pr0xy-Pa55", result.AllText());
        Assert.Empty(result.Output);
        Assert.Equal(0, TokenRequests);
        Assert.Empty(proxy.Requests);
    }
}
