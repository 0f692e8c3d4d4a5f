using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using QlikCloud.Emulator.Authorize;
using QlikCloud.Emulator.Clients;
using QlikCloud.Emulator.Controls;
using QlikCloud.Emulator.Csp;
using QlikCloud.Emulator.Faults;
using QlikCloud.Emulator.Hosting;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.RateLimiting;
using QlikCloud.Emulator.State;
using QlikCloud.Emulator.Tokens;
using QlikCloud.Emulator.Users;

namespace QlikCloud.Emulator;

/// <summary>
/// One emulated Qlik Cloud tenant on a loopback Kestrel port. Instances share nothing, so several tenants can run
/// side by side in one test process; every member is safe to call concurrently.
/// </summary>
public sealed class TenantEmulator : IAsyncDisposable
{
    private readonly EmulatorOptions _options;
    private readonly Tenant _tenant;
    private readonly FaultBook _faults = new();
    private readonly RequestLog _log = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _jwks = new(StringComparer.Ordinal);
    private readonly RateLimiter _limiter;
    private WebApplication? _app;

    private TenantEmulator(EmulatorOptions options, Region region)
    {
        _options = options;
        _tenant = new Tenant(options, region);
        _limiter = new RateLimiter(options.Clock, options.Tier1Limit, options.Tier2Limit, options.RateLimitWindow);
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>; ToString has no trailing slash.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string AdminApiKey => _options.AdminApiKey;

    public string TenantId => _options.TenantId;

    /// <summary>A snapshot in arrival order; test-control calls are not recorded.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    public static Task<TenantEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, new Region(), cancellationToken);

    /// <summary>A tenant of <paramref name="region"/>: it answers for the clients the region's other tenants publish.</summary>
    internal static async Task<TenantEmulator> StartAsync(EmulatorOptions? options, Region region, CancellationToken cancellationToken)
    {
        options = (options ?? new EmulatorOptions()).Copy();
        RequireLoopback(options.Url);
        var emulator = new TenantEmulator(options, region);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TenantEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        app.Run(emulator.CreatePipeline().InvokeAsync);
        await app.StartAsync(cancellationToken);
        emulator._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = new OriginUri(address);
        return emulator;
    }

    public void ClearRequests() => _log.Clear();

    /// <summary>Back to the state at start: seed users, no clients/secrets/tokens/jtis, the started rate limits and consent rule, no faults or outage, empty log.</summary>
    public void Reset()
    {
        _tenant.Reset();
        lock (_tenant.Gate)
        {
            _tenant.RequireTrustedConsent = _options.RequireTrustedConsent;
            _tenant.RequireCspOriginForCors = _options.RequireCspOriginForCors;
        }
        _limiter.Configure(_options.Tier1Limit, _options.Tier2Limit, _options.RateLimitWindow);
        _faults.Clear();
        _faults.SetOutage(null);
        _log.Clear();
        _jwks.Clear();
    }

    public void InjectFault(FaultSpec fault) => _faults.Add(fault);

    /// <summary>New limits apply at once and forget the counts so far.</summary>
    public void SetRateLimits(int tier1Limit, int tier2Limit, TimeSpan window) => _limiter.Configure(tier1Limit, tier2Limit, window);

    public void SetRequireTrustedConsent(bool required)
    {
        lock (_tenant.Gate)
        {
            _tenant.RequireTrustedConsent = required;
        }
    }

    /// <summary>Whether CORS also demands a CSP origin entry (see <see cref="EmulatorOptions.RequireCspOriginForCors"/>).</summary>
    public void SetRequireCspOriginForCors(bool required)
    {
        lock (_tenant.Gate)
        {
            _tenant.RequireCspOriginForCors = required;
        }
    }

    /// <summary>Whether <c>GET /api/v1/oauth-tokens</c> ignores its <c>userId</c> filter (a misbehaving tenant); a reset turns it off.</summary>
    public void SetIgnoreTokenUserFilter(bool ignore)
    {
        lock (_tenant.Gate)
        {
            _tenant.IgnoreTokenUserFilter = ignore;
        }
    }

    /// <summary>Adds a user (an empty Id gets a generated one) and returns the stored copy.</summary>
    public EmulatorUser AddUser(EmulatorUser user) => _tenant.AddUser(user);

    /// <summary>
    /// Serves <paramref name="jwks"/> (a JWKS document) at <c>/_emulator/jwks/{name}</c> until replaced or reset, and
    /// returns its URL: a jwksUri for a client of a tenant started with <see cref="EmulatorOptions.FetchLoopbackJwks"/>.
    /// Fetching it over HTTP needs <see cref="EmulatorOptions.EnableTestControls"/>.
    /// </summary>
    public Uri ServeJwks(string name, string jwks)
    {
        _jwks[name] = jwks;
        return new Uri(BaseUrl, "/_emulator/jwks/" + Uri.EscapeDataString(name));
    }

    /// <summary>A JWKS document served by <see cref="ServeJwks"/>, or null.</summary>
    internal string? ServedJwks(string name) => _jwks.TryGetValue(name, out var jwks) ? jwks : null;

    /// <summary>
    /// What the login_hint shortcut of /oauth/authorize answers on a consent screen: Allow (the default, back after
    /// <see cref="Reset"/>) or Deny, so a headless browser can walk the refused path too.
    /// </summary>
    public void SetSignInConsentAnswer(bool allow)
    {
        lock (_tenant.Gate)
        {
            _tenant.SignIn.ShortcutAllowsConsent = allow;
        }
    }

    /// <summary>Every access token issued so far answers 401 from now on.</summary>
    public void InvalidateAllTokens()
    {
        lock (_tenant.Gate)
        {
            _tenant.Tokens.Clear();
        }
    }

    /// <summary>
    /// Every request but the test controls fails with <paramref name="status"/> (400 to 599, with a Qlik error body), as
    /// a tenant that is down while the others of its fleet answer; null ends the outage, as does <see cref="Reset"/>.
    /// </summary>
    public void SetOutage(int? status) => _faults.SetOutage(status);

    /// <summary>
    /// Stops listening: once this returns the port refuses connections, as a tenant that is gone. The requests under
    /// way are answered first. The state stays readable in-process; the emulator cannot start again.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private EmulatorPipeline CreatePipeline()
    {
        var api = new RouteTable(
        [
            .. new OAuthClientEndpoints(_tenant).Routes,
            .. new ClientSecretEndpoints(_tenant).Routes,
            .. new ConnectionConfigEndpoints(_tenant).Routes,
            .. new TokenEndpoint(_tenant).Routes,
            .. new RevokeEndpoint(_tenant).Routes,
            .. new AuthorizeEndpoint(_tenant, _options.EnableTestControls).Routes,
            .. new UserEndpoints(_tenant).Routes,
            .. new CspOriginEndpoints(_tenant).Routes,
            .. new OAuthTokenEndpoints(_tenant).Routes,
        ]);
        var controls = new RouteTable(new ControlEndpoints(this).Routes);
        return new EmulatorPipeline(_tenant, api, controls, _options.EnableTestControls, _faults, _limiter, _log, new CorsPolicy(_tenant, _options.OriginNotAllowedTitle));
    }

    /// <summary>The emulator must never be reachable from the network: only loopback addresses are accepted.</summary>
    private static void RequireLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Url must be an absolute http URL on loopback, not '{url}'.", nameof(url));
        }
        var isLoopback = uri.IsLoopback && (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _));
        if (!isLoopback)
        {
            throw new ArgumentException($"Url must bind a loopback address (127.0.0.1, [::1] or localhost), not '{uri.Host}'.", nameof(url));
        }
    }
}
