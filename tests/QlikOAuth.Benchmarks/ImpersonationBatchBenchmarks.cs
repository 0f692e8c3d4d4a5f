using BenchmarkDotNet.Attributes;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// What concurrency buys: impersonation tokens for 200 distinct users through <see cref="TokenBatch"/>, uncached
/// (every user is a round trip), at ThrottleLimit 1, 4 (the default) and 8. Client and emulator share the machine.
/// </summary>
public class ImpersonationBatchBenchmarks
{
    private const int Users = 200;

    private BenchTenant _tenant = null!;
    private TokenIssuer _issuer = null!;
    private List<UserReference> _users = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _tenant.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "200 users, ThrottleLimit 1")]
    public Task ThrottleLimit1() => RunAsync(1);

    [Benchmark(Description = "200 users, ThrottleLimit 4")]
    public Task ThrottleLimit4() => RunAsync(4);

    [Benchmark(Description = "200 users, ThrottleLimit 8")]
    public Task ThrottleLimit8() => RunAsync(8);

    private async Task RunAsync(int throttleLimit)
    {
        _tenant.Forget();
        var outcomes = await TokenBatch.RunAsync(_users, throttleLimit, _ => _issuer, new ClientRefusals(), _issuer.GetImpersonationTokenAsync, CancellationToken.None);
        // A batch keeps per-user failures as outcomes: make sure what was timed was 200 issued tokens.
        foreach (var outcome in outcomes)
        {
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"A user's token failed: {outcome.Failure!.Message}");
            }
        }
    }

    private async Task SetupAsync()
    {
        var users = Enumerable.Range(0, Users)
            .Select(i => new EmulatorUser { Id = $"6522{i:x20}", Subject = $"bench|user{i:D3}", Email = $"bench{i:D3}@example.com", Name = $"Bench user {i}" })
            .ToList();
        _tenant = await BenchTenant.StartAsync(users);
        ClientSecretAuthentication client = await _tenant.SecretClientAsync();
        _issuer = new TokenIssuer(_tenant.Session.Connection, client, null, cache: null, directory: null);
        _users = users.Select(user => UserReference.From(null, user.Subject, null)!).ToList();
        await RunAsync(TokenBatch.DefaultThrottleLimit);
    }
}
