using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace QlikOAuth.TestSupport;

/// <summary>
/// What a browser's speculative preconnect does to a sign-in's loopback redirect: it opens connections that send
/// nothing. Shared by the engine and runspace sign-in tests.
/// </summary>
public static class Preconnect
{
    private static readonly TimeSpan ListenWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <paramref name="count"/> idle connections to the loopback port, the first as soon as the port listens (up to
    /// 30 s); the caller keeps them open and disposes them.
    /// </summary>
    public static async Task<TcpClient[]> OpenIdleAsync(int port, int count)
    {
        var idle = new List<TcpClient>();
        var waited = Stopwatch.StartNew();
        while (idle.Count < count)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                idle.Add(client);
            }
            catch (SocketException) when (idle.Count == 0 && waited.Elapsed < ListenWait)
            {
                client.Dispose();
                await Task.Delay(50);
            }
        }

        return idle.ToArray();
    }

    /// <summary>Waits (up to 30 s) for a file a $BROWSER script writes when it runs: the module then waits for the answer.</summary>
    public static async Task WaitForBrowserAsync(string markerPath)
    {
        var waited = Stopwatch.StartNew();
        while (!File.Exists(markerPath))
        {
            Assert.True(waited.Elapsed < ListenWait, $"the browser did not run within 30 s ({markerPath} did not appear)");
            await Task.Delay(50);
        }
    }
}
