using System.Net;
using System.Net.Http;
using QlikCloud.Emulator.Network;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Http;

/// <summary>The system proxy is process-wide (HttpClient.DefaultProxy), so these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(SystemProxyTests), DisableParallelization = true)]
public sealed class SystemProxyCollection
{
}

/// <summary>Without -Proxy, the system proxy carries the requests, and -ProxyCredential signs in to it.</summary>
[Collection(nameof(SystemProxyTests))]
public sealed class SystemProxyTests : TenantFixture
{
    private static readonly NetworkCredential ProxyAccount = new("system-proxy-user", "system-proxy-pass-44d1");

    [Fact]
    public async Task TheSystemProxyIsUsedByDefault()
    {
        await using var proxy = LoopbackProxy.Start();

        await WithSystemProxyAsync(proxy, async () =>
        {
            using TenantSession session = await ConnectAsync(new QlikHttpOptions());
        });

        Assert.Equal(["GET " + new Uri(Emulator.BaseUrl, "/api/v1/users/me") + " HTTP/1.1"], proxy.Requests);
    }

    [Fact]
    public async Task AProxyCredentialWithoutAnAddressSignsInToTheSystemProxy()
    {
        await using var proxy = LoopbackProxy.Start(ProxyAccount);

        await WithSystemProxyAsync(proxy, async () =>
        {
            using TenantSession session = await ConnectAsync(new QlikHttpOptions { Proxy = QlikProxy.Create(null, ProxyAccount, false) });
        });

        Assert.Single(proxy.Requests);
        Assert.NotEmpty(proxy.Refused);
    }

    private Task<TenantSession> ConnectAsync(QlikHttpOptions options) =>
        TenantSession.ConnectAsync(Emulator.BaseUrl, Admin, options, null, CancellationToken.None);

    // What HTTP_PROXY does for a process, without the loopback exemption that NO_PROXY conventions add.
    private static async Task WithSystemProxyAsync(LoopbackProxy proxy, Func<Task> action)
    {
        IWebProxy previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(proxy.Address) { BypassProxyOnLocal = false };
        try
        {
            await action();
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}
