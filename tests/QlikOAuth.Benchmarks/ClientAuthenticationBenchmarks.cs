using BenchmarkDotNet.Attributes;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// One uncached M2M token request per client authentication method: client_secret against private key JWT with
/// RS256 (2048-bit) and ES384. The difference is signing a fresh assertion plus the emulator verifying it.
/// </summary>
public class ClientAuthenticationBenchmarks
{
    private BenchTenant _tenant = null!;
    private TokenIssuer _secret = null!;
    private TokenIssuer _rs256 = null!;
    private TokenIssuer _es384 = null!;
    private readonly List<IDisposable> _keys = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _keys.ForEach(key => key.Dispose());
        _tenant.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "M2M token, client_secret")]
    public Task<AccessToken> ClientSecret() => RequestAsync(_secret);

    [Benchmark(Description = "M2M token, private_key_jwt RS256")]
    public Task<AccessToken> PrivateKeyJwtRs256() => RequestAsync(_rs256);

    [Benchmark(Description = "M2M token, private_key_jwt ES384")]
    public Task<AccessToken> PrivateKeyJwtEs384() => RequestAsync(_es384);

    private Task<AccessToken> RequestAsync(TokenIssuer issuer)
    {
        _tenant.Forget();
        return issuer.GetAccessTokenAsync(CancellationToken.None);
    }

    private async Task SetupAsync()
    {
        _tenant = await BenchTenant.StartAsync();
        var connection = _tenant.Session.Connection;
        _secret = new TokenIssuer(connection, await _tenant.SecretClientAsync(), null, cache: null, directory: null);
        _rs256 = new TokenIssuer(connection, await KeyAsync(SigningAlgorithm.RS256), null, cache: null, directory: null);
        _es384 = new TokenIssuer(connection, await KeyAsync(SigningAlgorithm.ES384), null, cache: null, directory: null);
        foreach (TokenIssuer issuer in new[] { _secret, _rs256, _es384 })
        {
            await RequestAsync(issuer);
        }
    }

    private async Task<PrivateKeyJwtAuthentication> KeyAsync(SigningAlgorithm algorithm)
    {
        PrivateKeyJwtAuthentication client = await _tenant.KeyClientAsync(algorithm);
        _keys.Add(client);
        return client;
    }
}
