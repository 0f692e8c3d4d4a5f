using System.Net;
using System.Security;
using BenchmarkDotNet.Attributes;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// The engine's share of one Get-QlikAccessToken call answered from the cache: each call makes its own issuer for
/// its -Credential, then hits the session's cache. The baseline is what every call did before calls that pass the
/// same SecureString shared one authentication: copy the secret and fingerprint it (HMAC-SHA256) again. Both paths
/// are public, so before and after are measured in one run.
/// </summary>
public class CachedCallBenchmarks
{
    private BenchTenant _tenant = null!;
    private TokenCache _cache = null!;
    private string _clientId = null!;
    private SecureString _secret = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _secret.Dispose();
        _tenant.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "a new authentication per call (before)")]
    public AccessToken NewAuthenticationPerCall() => Hit(new ClientSecretAuthentication(_clientId, _secret));

    [Benchmark(Description = "one authentication per SecureString (now)")]
    public AccessToken SharedAuthentication() => Hit(ClientSecretAuthentication.For(_clientId, _secret));

    private AccessToken Hit(ClientSecretAuthentication client) =>
        new TokenIssuer(_tenant.Session.Connection, client, null, _cache, directory: null).GetAccessTokenAsync(CancellationToken.None).GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _tenant = await BenchTenant.StartAsync();
        (ClientSecretAuthentication client, string secret) = await _tenant.SecretClientWithSecretAsync();
        _clientId = client.ClientId;
        _secret = new NetworkCredential(string.Empty, secret).SecurePassword;
        _cache = new TokenCache(TimeProvider.System);
        AccessToken first = Hit(client);
        if (!ReferenceEquals(first, NewAuthenticationPerCall()) || !ReferenceEquals(first, SharedAuthentication()))
        {
            throw new InvalidOperationException("A call asked the tenant again: the benchmark would not measure cache hits.");
        }
    }
}
