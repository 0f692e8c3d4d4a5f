using BenchmarkDotNet.Attributes;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// The cache's worth: 200 sequential impersonation token requests for one user, served from the session's
/// <see cref="TokenCache"/> (warm: every call is a hit) or with no cache (-NoCache: every call a round trip).
/// </summary>
public class TokenCacheBenchmarks
{
    private const int Requests = 200;

    private BenchTenant _tenant = null!;
    private TokenIssuer _cached = null!;
    private TokenIssuer _uncached = null!;
    private readonly UserReference _alice = UserReference.From(null, EmulatorDefaults.AliceSubject, null)!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _tenant.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "200 x one user, cached (hits)")]
    public Task<IssuedToken> Cached() => RunAsync(_cached);

    [Benchmark(Description = "200 x one user, NoCache (round trips)")]
    public Task<IssuedToken> NoCache()
    {
        _tenant.Forget();
        return RunAsync(_uncached);
    }

    private async Task<IssuedToken> RunAsync(TokenIssuer issuer)
    {
        IssuedToken last = null!;
        for (int i = 0; i < Requests; i++)
        {
            last = await issuer.GetImpersonationTokenAsync(_alice, CancellationToken.None);
        }

        return last;
    }

    private async Task SetupAsync()
    {
        _tenant = await BenchTenant.StartAsync();
        ClientSecretAuthentication client = await _tenant.SecretClientAsync();
        var connection = _tenant.Session.Connection;
        _cached = new TokenIssuer(connection, client, null, new TokenCache(TimeProvider.System), directory: null);
        _uncached = new TokenIssuer(connection, client, null, cache: null, directory: null);

        // Warm the cache, and prove the hit path really is one: 200 cached calls must hand back the same token.
        IssuedToken first = await _cached.GetImpersonationTokenAsync(_alice, CancellationToken.None);
        IssuedToken again = await RunAsync(_cached);
        if (!ReferenceEquals(first.Token, again.Token))
        {
            throw new InvalidOperationException("The cached issuer asked the tenant again: the Cached benchmark would not measure hits.");
        }

        await NoCache();
    }
}
