using BenchmarkDotNet.Attributes;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// One cache hit, as Get-QlikAccessToken makes it on a warm session: its time and its allocation (the memory
/// diagnoser's Allocated column). The goal is one object per hit, the task that carries the result (72 bytes); the
/// emulator is idle meanwhile, so nothing else allocates in the process.
/// </summary>
public class TokenCacheHitBenchmarks
{
    private BenchTenant _tenant = null!;
    private TokenIssuer _issuer = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _tenant.DisposeAsync().AsTask().GetAwaiter().GetResult();

    // Waited for here, not by BenchmarkDotNet: its own handling of a returned Task would be counted as the hit's.
    [Benchmark(Description = "one M2M token from the cache")]
    public AccessToken Hit() => _issuer.GetAccessTokenAsync(CancellationToken.None).GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _tenant = await BenchTenant.StartAsync();
        _issuer = new TokenIssuer(_tenant.Session.Connection, await _tenant.SecretClientAsync(), null, new TokenCache(TimeProvider.System), directory: null);
        AccessToken first = await _issuer.GetAccessTokenAsync(CancellationToken.None);
        if (!ReferenceEquals(first, await _issuer.GetAccessTokenAsync(CancellationToken.None)))
        {
            throw new InvalidOperationException("The second call asked the tenant again: the benchmark would not measure a hit.");
        }
    }
}
