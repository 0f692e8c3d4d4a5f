using BenchmarkDotNet.Attributes;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// The client's share of private key JWT alone, no HTTP: building and signing one client assertion with RS256
/// (2048-bit) and ES384. Set against <see cref="ClientAuthenticationBenchmarks"/>, the rest of a JWT token request
/// is the round trip and the tenant (here the emulator) verifying the signature.
/// </summary>
public class AssertionSigningBenchmarks
{
    private static readonly Uri TokenEndpoint = new("https://tenant.example.com/oauth/token");
    private const string ClientId = "0123456789abcdef0123456789abcdef";

    private SigningKey _rs256 = null!;
    private SigningKey _es384 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rs256 = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "bench-RS256");
        _es384 = KeyGenerator.Generate(SigningAlgorithm.ES384, 2048, "bench-ES384");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rs256.Dispose();
        _es384.Dispose();
    }

    [Benchmark(Baseline = true, Description = "sign assertion, RS256")]
    public string Rs256() => ClientAssertion.Create(_rs256, ClientId, TokenEndpoint, DateTimeOffset.UtcNow);

    [Benchmark(Description = "sign assertion, ES384")]
    public string Es384() => ClientAssertion.Create(_es384, ClientId, TokenEndpoint, DateTimeOffset.UtcNow);
}
