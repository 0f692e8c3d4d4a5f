using System.Net.Http;
using System.Text;
using BenchmarkDotNet.Attributes;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// The engine's cost over the floor: one uncached M2M token through the engine (what Get-QlikAccessToken -NoCache
/// does below the cmdlet) against a bare HttpClient POST of the same JSON body to the same tenant.
/// </summary>
public class WireFloorBenchmarks
{
    private BenchTenant _tenant = null!;
    private TokenIssuer _issuer = null!;
    private HttpClient _http = null!;
    private Uri _tokenUrl = null!;
    private string _body = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _tenant.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient POST of the token body")]
    public async Task<string> BareHttpClient()
    {
        _tenant.Forget();
        using var content = new StringContent(_body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync(_tokenUrl, content);
        return await response.Content.ReadAsStringAsync();
    }

    [Benchmark(Description = "the engine's M2M token, no cache")]
    public Task<AccessToken> Engine()
    {
        _tenant.Forget();
        return _issuer.GetAccessTokenAsync(CancellationToken.None);
    }

    private async Task SetupAsync()
    {
        _tenant = await BenchTenant.StartAsync();
        (ClientSecretAuthentication client, string secret) = await _tenant.SecretClientWithSecretAsync();
        _issuer = new TokenIssuer(_tenant.Session.Connection, client, null, cache: null, directory: null);
        _http = new HttpClient();
        _tokenUrl = _tenant.Session.Connection.TokenEndpoint;
        _body = $"{{\"grant_type\":\"client_credentials\",\"client_id\":\"{client.ClientId}\",\"client_secret\":\"{secret}\"}}";
        await BareHttpClient();
        await Engine();
    }
}
