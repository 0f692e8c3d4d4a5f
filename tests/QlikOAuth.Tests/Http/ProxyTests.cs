using System.Net;
using System.Net.Http;
using QlikCloud.Emulator.Network;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Http;

/// <summary>Through a forward proxy on loopback, as behind a corporate proxy: what went through it, and the 407s.</summary>
public sealed class ProxyTests : TenantFixture
{
    private static readonly NetworkCredential ProxyAccount = new("proxy-user", "proxy-pass-7f3a");

    [Fact]
    public async Task RequestsGoThroughTheProxyNamed()
    {
        await using var proxy = LoopbackProxy.Start();

        using TenantSession session = await ConnectAsync(QlikProxy.Create(proxy.Address, null, false));

        Assert.Equal(["GET " + new Uri(Emulator.BaseUrl, "/api/v1/users/me") + " HTTP/1.1"], proxy.Requests);
        Assert.Equal(Session.User.Id, session.User.Id);
        Assert.Single(Emulator.Requests, request => request.Path == "/api/v1/users/me");
    }

    [Fact]
    public async Task TheProxyCredentialAnswersTheProxysChallenge()
    {
        await using var proxy = LoopbackProxy.Start(ProxyAccount);

        using TenantSession session = await ConnectAsync(QlikProxy.Create(proxy.Address, ProxyAccount, false));
        await UsersApi.GetMeAsync(session.Connection, session.Credential, CancellationToken.None);

        Assert.Equal(2, proxy.Requests.Count);
        Assert.All(proxy.Requests, line => Assert.StartsWith("GET " + new Uri(Emulator.BaseUrl, "/api/v1/users/me"), line));
        Assert.NotEmpty(proxy.Refused);
    }

    [Fact]
    public async Task A407WithoutACredentialSaysWhichParametersFixIt()
    {
        await using var proxy = LoopbackProxy.Start(ProxyAccount);

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => ConnectAsync(QlikProxy.Create(proxy.Address, null, false)));

        Assert.Equal("QlikApi.ProxyAuthenticationRequired", error.ErrorId);
        Assert.Equal(QlikErrorKind.Authentication, error.Kind);
        Assert.Contains(proxy.Address.GetLeftPart(UriPartial.Authority), error.Message);
        Assert.Contains("407", error.Message);
        Assert.Contains("-ProxyCredential", error.Message);
        Assert.Contains("-ProxyUseDefaultCredentials", error.Message);
        Assert.Empty(proxy.Requests);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AWrongProxyCredentialIsNamedAsTheCauseAndNotShown()
    {
        await using var proxy = LoopbackProxy.Start(ProxyAccount);
        var wrong = new NetworkCredential("proxy-user", "not-the-pass-91c2");

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => ConnectAsync(QlikProxy.Create(proxy.Address, wrong, false)));

        Assert.Equal("QlikApi.ProxyAuthenticationRequired", error.ErrorId);
        Assert.Contains("refused the credentials given (-ProxyCredential)", error.Message);
        Assert.DoesNotContain(wrong.Password, error.ToString());
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task A407ToTheTunnelOfAnHttpsTenantGetsTheSameError()
    {
        // https goes through CONNECT, as every request to Qlik Cloud does; the proxy refuses before any TLS.
        await using var proxy = LoopbackProxy.Start(ProxyAccount);
        var httpsTenant = new Uri($"https://127.0.0.1:{Emulator.BaseUrl.Port}");
        using var connection = new QlikConnection(httpsTenant, new QlikHttpOptions { Proxy = QlikProxy.Create(proxy.Address, null, false), MaxTransientRetries = 0 });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => UsersApi.GetMeAsync(connection, Admin, CancellationToken.None));

        Assert.True(error.ErrorId == "QlikApi.ProxyAuthenticationRequired", error.ToString());
        Assert.Contains("-ProxyCredential", error.Message);
        Assert.Equal([$"CONNECT 127.0.0.1:{Emulator.BaseUrl.Port} HTTP/1.1"], proxy.Refused);
    }

    [Fact]
    public void CredentialAndDefaultCredentialsTogetherAreRefused()
    {
        var error = Assert.Throws<QlikValidationException>(() => QlikProxy.Create(new Uri("http://proxy.example.com:8080"), ProxyAccount, true));

        Assert.Equal("ProxyCredentialConflict", error.ErrorId);
        Assert.Contains("-ProxyCredential", error.Message);
        Assert.Contains("-ProxyUseDefaultCredentials", error.Message);
    }

    [Fact]
    public void AProxyAddressWithoutSchemeIsRefused()
    {
        // How "proxy.example.com:8080" binds to a Uri parameter: a scheme named proxy.example.com, no host.
        var error = Assert.Throws<QlikValidationException>(() => QlikProxy.Create(new Uri("proxy.example.com:8080"), null, false));

        Assert.Equal("InvalidProxy", error.ErrorId);
        Assert.Contains("http://proxy.example.com:8080", error.Message);
    }

    [Theory]
    [InlineData("http://proxy-user:Pr0xy-Pa55@proxy.example.com:8080")]
    [InlineData("http://proxy-user@proxy.example.com:8080")]
    [InlineData("http://:Pr0xy-Pa55@proxy.example.com:8080")]
    public void AProxyAddressWithAUserNameOrPasswordIsRefused(string address)
    {
        // Kept, the user info would reach the 407 error and ToString, so $Error and transcripts.
        var error = Assert.Throws<QlikValidationException>(() => QlikProxy.Create(new Uri(address), null, false));

        Assert.Equal("ProxyWithCredentials", error.ErrorId);
        Assert.Contains("-ProxyCredential", error.Message);
        Assert.Contains("http://proxy.example.com:8080", error.Message);
        Assert.DoesNotContain("Pr0xy-Pa55", error.Message);
        Assert.DoesNotContain("proxy-user", error.Message);
        Assert.DoesNotContain("Pr0xy-Pa55", error.Target?.ToString() ?? string.Empty);
    }

    [Fact]
    public void TheProxyDescriptionHoldsNoPassword()
    {
        QlikProxy proxy = QlikProxy.Create(new Uri("http://proxy.example.com:8080"), ProxyAccount, false);

        Assert.Equal("http://proxy.example.com:8080 with a credential", proxy.ToString());
        Assert.Same(QlikProxy.System, QlikProxy.Create(null, null, false));
    }

    private Task<TenantSession> ConnectAsync(QlikProxy proxy) =>
        TenantSession.ConnectAsync(Emulator.BaseUrl, Admin, new QlikHttpOptions { Proxy = proxy }, null, CancellationToken.None);
}
