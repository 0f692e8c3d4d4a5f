using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// The client's share of private key JWT alone, no HTTP: building and signing one client assertion with RS256
/// (2048-bit) and ES384. Set against <see cref="ClientAuthenticationBenchmarks"/>, the rest of a JWT token request
/// is the round trip and the tenant (here the emulator) verifying the signature. The last benchmark is the floor of the
/// first: one RS256 signature alone, with a 2048-bit key of the platform's, over as many bytes as an assertion signs.
/// </summary>
public class AssertionSigningBenchmarks
{
    private static readonly Uri TokenEndpoint = new("https://tenant.example.com/oauth/token");
    private const string ClientId = "0123456789abcdef0123456789abcdef";

    private SigningKey _rs256 = null!;
    private SigningKey _es384 = null!;
    private RSA _platformKey = null!;
    private byte[] _signingInput = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rs256 = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "bench-RS256");
        _es384 = KeyGenerator.Generate(SigningAlgorithm.ES384, 2048, "bench-ES384");
        _platformKey = RSA.Create(2048);
        // The signing input of an assertion: its header and claims, Base64url-encoded, without the signature.
        string assertion = ClientAssertion.Create(_rs256, ClientId, TokenEndpoint, DateTimeOffset.UtcNow);
        _signingInput = System.Text.Encoding.ASCII.GetBytes(assertion.Substring(0, assertion.LastIndexOf('.')));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rs256.Dispose();
        _es384.Dispose();
        _platformKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "sign assertion, RS256")]
    public string Rs256() => ClientAssertion.Create(_rs256, ClientId, TokenEndpoint, DateTimeOffset.UtcNow);

    [Benchmark(Description = "sign assertion, ES384")]
    public string Es384() => ClientAssertion.Create(_es384, ClientId, TokenEndpoint, DateTimeOffset.UtcNow);

    [Benchmark(Description = "RS256 signature alone (the floor)")]
    public byte[] Rs256SignatureAlone() => _platformKey.SignData(_signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
