using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.State;

/// <summary>
/// All mutable state of one emulated tenant. Every read and write happens under <see cref="Gate"/>: one lock keeps
/// multi-step operations (validate, then mutate) atomic for 16+ concurrent callers, and handlers never await under it.
/// </summary>
internal sealed class Tenant
{
    private readonly IReadOnlyList<EmulatorUser> _seedUsers;
    private long _sequence;

    public Tenant(EmulatorOptions options, Region region)
    {
        Region = region;
        Clock = options.Clock;
        TenantId = options.TenantId;
        AdminApiKey = options.AdminApiKey;
        TokenLifetime = TimeSpan.FromSeconds(options.TokenLifetimeSeconds);
        RequireTrustedConsent = options.RequireTrustedConsent;
        RequireCspOriginForCors = options.RequireCspOriginForCors;
        RequireClientAuthOnRevoke = options.RequireClientAuthOnRevoke;
        IgnoreConsentAtCreate = options.IgnoreConsentAtCreate;
        FetchLoopbackJwks = options.FetchLoopbackJwks;
        JwksFetchTimeout = options.JwksFetchTimeout;
        SignInRules = new SignInRules(options);
        _seedUsers = [.. options.Users.Select(u => u.Clone())];
        Reset();
    }

    public object Gate { get; } = new();
    public TimeProvider Clock { get; }
    public string TenantId { get; }
    public string AdminApiKey { get; }
    public TimeSpan TokenLifetime { get; }
    public bool RequireTrustedConsent { get; set; }
    public bool RequireClientAuthOnRevoke { get; }
    public bool IgnoreConsentAtCreate { get; }
    public bool FetchLoopbackJwks { get; }
    public TimeSpan JwksFetchTimeout { get; }

    /// <summary>The sign-in settings (several unconfirmed, see <see cref="EmulatorOptions"/>).</summary>
    public SignInRules SignInRules { get; }

    /// <summary>Pending sign-ins, codes, refresh tokens and consent approvals.</summary>
    public SignInState SignIn { get; } = new();

    public Dictionary<string, EmulatorUser> Users { get; } = new(StringComparer.Ordinal);
    /// <summary>The clients made on this tenant; <see cref="FindClient"/> also finds those published elsewhere in the region.</summary>
    public Dictionary<string, OAuthClient> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>The tenants this one shares published clients with (a lone emulator is a region of one).</summary>
    public Region Region { get; }

    /// <summary>This tenant's configuration of each client it made or used, by client id.</summary>
    public Dictionary<string, ClientConnection> Connections { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IssuedToken> Tokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CspOrigin> CspOrigins { get; } = new(StringComparer.Ordinal);

    /// <summary>A browser origin needs a CSP entry as well as the client's allowedOrigins before CORS lets it in (unconfirmed: see EmulatorOptions).</summary>
    public bool RequireCspOriginForCors { get; set; }

    /// <summary>
    /// A test switch, off after every reset: <c>GET /api/v1/oauth-tokens</c> ignores its <c>userId</c> filter and lists
    /// every user's tokens, as a tenant that does not honour the filter would; a sign-out must still revoke only its user's.
    /// </summary>
    public bool IgnoreTokenUserFilter { get; set; }

    /// <summary>Seen assertion ids per client, kept until the assertion would have expired anyway.</summary>
    private Dictionary<(string ClientId, string Jti), DateTimeOffset> UsedJtis { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    public long NextSequence() => ++_sequence;

    public void Reset()
    {
        lock (Gate)
        {
            Users.Clear();
            foreach (var user in _seedUsers)
            {
                Users[user.Id] = user.Clone();
            }
            foreach (var id in Clients.Keys)
            {
                Region.Withdraw(id);
            }
            Clients.Clear();
            Connections.Clear();
            Tokens.Clear();
            CspOrigins.Clear();
            UsedJtis.Clear();
            IgnoreTokenUserFilter = false;
            SignIn.Clear();
            _sequence = 0;
        }
    }

    /// <summary>A client made here, or one published by another tenant of the region; null when neither. Call under <see cref="Gate"/>.</summary>
    public OAuthClient? FindClient(string clientId) => Clients.GetValueOrDefault(clientId) ?? Region.Find(clientId);

    /// <summary>Every client that can sign in or get tokens here: this tenant's and those published elsewhere. Call under <see cref="Gate"/>.</summary>
    public IEnumerable<OAuthClient> UsableClients => Clients.Values.Concat(Region.All.Where(c => !Clients.ContainsKey(c.ClientId)));

    /// <summary>This tenant's configuration of the client, made with consent required on first use. Call under <see cref="Gate"/>.</summary>
    public ClientConnection ConnectionOf(OAuthClient client)
    {
        if (!Connections.TryGetValue(client.ClientId, out var connection))
        {
            connection = new ClientConnection();
            Connections[client.ClientId] = connection;
        }
        return connection;
    }

    public EmulatorUser AddUser(EmulatorUser user)
    {
        lock (Gate)
        {
            var copy = user.Clone();
            if (string.IsNullOrEmpty(copy.Id))
            {
                copy.Id = Ids.UserId();
            }
            if (copy.Status is not ("active" or "invited" or "disabled" or "deleted"))
            {
                throw new ArgumentException($"Status must be 'active', 'invited', 'disabled' or 'deleted', not '{copy.Status}'.", nameof(user));
            }
            if (!Users.TryAdd(copy.Id, copy))
            {
                throw new ArgumentException($"A user with id '{copy.Id}' already exists.", nameof(user));
            }
            return copy.Clone();
        }
    }

    /// <summary>The identity behind a bearer credential, or null when it is unknown, revoked, invalidated or expired. Call under <see cref="Gate"/>.</summary>
    public Caller? Authenticate(string bearer)
    {
        if (bearer == AdminApiKey)
        {
            var admin = Users.Values.FirstOrDefault(u => u.Roles.Contains(EmulatorDefaults.TenantAdminRole) && u.Id == EmulatorDefaults.AdminUserId)
                ?? Users.Values.FirstOrDefault(u => u.Roles.Contains(EmulatorDefaults.TenantAdminRole));
            return admin is null ? null : new Caller($"apikey:{admin.Id}", admin, IsTenantAdmin: true);
        }
        if (!Tokens.TryGetValue(bearer, out var token) || token.ExpiresAt <= Now || FindClient(token.ClientId) is null
            || !Users.TryGetValue(token.UserId, out var user) || user.Status != "active")
        {
            return null;
        }
        // M2M (bot) tokens act as TenantAdmin only with the broad admin scope. A person who signed in acts with their own
        // roles: a TenantAdmin's token administers the tenant under user_default or admin_classic (inferred from Qlik's
        // scope descriptions: user_default grants what the user may do). Impersonation tokens never administer.
        var isAdmin = token.GrantType == TokenGrants.ClientCredentials
            ? token.Scopes.Contains("admin_classic")
            : TokenGrants.SignIn.Contains(token.GrantType) && user.Roles.Contains(EmulatorDefaults.TenantAdminRole)
                && (token.Scopes.Contains("admin_classic") || token.Scopes.Contains("user_default"));
        var label = token.GrantType == TokenGrants.ClientCredentials ? $"client:{token.ClientId}" : $"client:{token.ClientId}/user:{token.UserId}";
        token.LastUsed = Now;
        return new Caller(label, user, isAdmin, token);
    }

    /// <summary>Records an assertion id; false when the client already used it. Call under <see cref="Gate"/>.</summary>
    public bool TryConsumeJti(string clientId, string jti, DateTimeOffset expiresAt)
    {
        var now = Now;
        foreach (var stale in UsedJtis.Where(p => p.Value < now).Select(p => p.Key).ToList())
        {
            UsedJtis.Remove(stale);
        }
        return UsedJtis.TryAdd((clientId, jti), expiresAt);
    }
}
