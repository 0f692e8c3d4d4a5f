using System.Net;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Benchmarks;

/// <summary>
/// An emulated tenant on loopback with rate limits far above anything a benchmark reaches, an engine session
/// connected with the admin API key, and the engine's own client API to register issuing clients.
/// </summary>
internal sealed class BenchTenant : IAsyncDisposable
{
    private BenchTenant(TenantEmulator emulator, TenantSession session)
    {
        Emulator = emulator;
        Session = session;
    }

    public TenantEmulator Emulator { get; }

    public TenantSession Session { get; }

    /// <param name="users">Added to the seeded users before the tenant starts.</param>
    public static async Task<BenchTenant> StartAsync(IEnumerable<EmulatorUser>? users = null)
    {
        var options = new EmulatorOptions
        {
            // The limiter must not shape what is measured; a short window keeps its per-caller queue small.
            Tier1Limit = 1_000_000,
            Tier2Limit = 1_000_000,
            RateLimitWindow = TimeSpan.FromSeconds(1),
        };
        options.Users.AddRange(users ?? []);
        TenantEmulator emulator = await TenantEmulator.StartAsync(options);
        TenantSession session = await TenantSession.ConnectAsync(
            emulator.BaseUrl, new ApiKeyCredential(new NetworkCredential(string.Empty, emulator.AdminApiKey).SecurePassword), null, null, CancellationToken.None);
        return new BenchTenant(emulator, session);
    }

    /// <summary>A trusted client for both grants that authenticates with its secret.</summary>
    public async Task<ClientSecretAuthentication> SecretClientAsync() => (await SecretClientWithSecretAsync()).Client;

    /// <summary>As <see cref="SecretClientAsync"/>, with the secret in plain text for a request built by hand.</summary>
    public async Task<(ClientSecretAuthentication Client, string Secret)> SecretClientWithSecretAsync()
    {
        CreatedOAuthClient created = await CreateAsync(ClientVocabulary.ClientSecretMethod, null);
        return (new ClientSecretAuthentication(created.Client.ClientId, created.Secret!), new NetworkCredential(string.Empty, created.Secret).Password);
    }

    /// <summary>A trusted private_key_jwt-only client registered with a new key's public half; the result owns the key.</summary>
    public async Task<PrivateKeyJwtAuthentication> KeyClientAsync(SigningAlgorithm algorithm)
    {
        SigningKey key = KeyGenerator.Generate(algorithm, 2048, "bench-" + algorithm);
        CreatedOAuthClient created = await CreateAsync(ClientVocabulary.PrivateKeyJwtMethod, key.PublicJwk);
        return new PrivateKeyJwtAuthentication(created.Client.ClientId, key);
    }

    /// <summary>
    /// Empties the emulator's request log and token store, which otherwise grow with every request of the run and
    /// would make later iterations pay for earlier ones. Benchmarks that go to the tenant call it inside the measured
    /// operation: clearing what one operation added costs microseconds at most, far below a round trip.
    /// (An [IterationCleanup] would force BenchmarkDotNet down to one operation per iteration.)
    /// </summary>
    public void Forget()
    {
        Emulator.ClearRequests();
        Emulator.InvalidateAllTokens();
    }

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        await Emulator.DisposeAsync();
    }

    private Task<CreatedOAuthClient> CreateAsync(string method, PublicJwk? publicKey)
    {
        var spec = new ClientDefinition
        {
            ClientName = "benchmark client " + Guid.NewGuid().ToString("N")[..8],
            AllowedGrantTypes = [GrantTypes.ClientCredentials, GrantTypes.UserImpersonation],
            AllowedAuthMethods = [method],
            ConsentMethod = "trusted",
        };
        if (publicKey != null)
        {
            spec.PublicKeys = [publicKey];
        }

        return new OAuthClientsApi(Session.Connection, Session.Credential).CreateAsync(spec, CancellationToken.None);
    }
}
