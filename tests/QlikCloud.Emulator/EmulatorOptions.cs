namespace QlikCloud.Emulator;

/// <summary>How one emulated tenant starts. Every emulator copies these at start: later edits have no effect.</summary>
/// <remarks>
/// The tenants of an <see cref="EmulatorFleet"/> form one region. A client published on one of them
/// (<c>POST /api/v1/oauth-clients/{id}/actions/publish</c>) answers on every tenant's <c>/oauth/authorize</c>,
/// <c>/oauth/token</c> and <c>/oauth/revoke</c> with the same id and credential, and every tenant configures it with its
/// own <c>connection-configs/me</c>: consent starts <c>required</c> on a tenant that has not set it (section 8.3).
/// Unconfirmed (section 8.5, question 7): whether other tenants list a published client. The emulator takes the
/// strict reading: only its home tenant lists, reads, changes, rotates or deletes it; on the others
/// <c>GET /api/v1/oauth-clients</c> leaves it out and <c>/api/v1/oauth-clients/{id}</c> answers 404, so a tool must not
/// count on seeing it there. Deleting it (or resetting its home tenant) ends it on every tenant; there is no unpublish.
/// </remarks>
public sealed class EmulatorOptions
{
    /// <summary>Loopback URL Kestrel binds; port 0 picks a free port (read the real one from <see cref="TenantEmulator.BaseUrl"/>).</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> acts as the seeded TenantAdmin (<see cref="EmulatorDefaults.AdminUserId"/>).</summary>
    public string AdminApiKey { get; set; } = EmulatorDefaults.AdminApiKey;

    public List<EmulatorUser> Users { get; set; } = EmulatorDefaults.CreateUsers();

    /// <summary>Serves <c>/_emulator/*</c> over HTTP; the in-process methods always work.</summary>
    public bool EnableTestControls { get; set; }

    /// <summary>
    /// M2M and impersonation grants are refused (OAUTH-5) unless the client's consent method is trusted.
    /// Unconfirmed for the real service: every Qlik tutorial for these client types ends by setting consent
    /// to trusted, so the emulator enforces it by default and lets tests switch it off.
    /// </summary>
    public bool RequireTrustedConsent { get; set; } = true;

    /// <summary>
    /// CORS on the REST API lets a browser origin in only when it is in the impersonation client's allowedOrigins and,
    /// with this set, also in the tenant's CSP origin list. Unconfirmed for the real service: Qlik's embedding guides
    /// ask for both, so the emulator demands both by default and lets tests switch the CSP half off.
    /// </summary>
    public bool RequireCspOriginForCors { get; set; } = true;

    /// <summary>
    /// The title of the OAUTH-29 error a refused browser origin gets. Qlik documents the code in its embedding
    /// troubleshooting but not the wording (unconfirmed), so clients must match on the code, and tests can vary this.
    /// </summary>
    public string OriginNotAllowedTitle { get; set; } = "Origin not allowed";

    /// <summary>
    /// <c>/oauth/revoke</c> requires client authentication (client_secret or client_assertion), as RFC 7009 section 2.1
    /// has it for confidential clients; without it the revocation is refused with 401 OAUTH-3. Off by default: Qlik's
    /// rule is unconfirmed, and its documentation shows revocation with the token alone.
    /// </summary>
    public bool RequireClientAuthOnRevoke { get; set; }

    /// <summary>
    /// A create's connectionConfig is accepted but not applied: the client starts with consent required, as when a
    /// tenant (or an older API version) ignores it, so a client has to set trusted with the connection-configs call.
    /// </summary>
    public bool IgnoreConsentAtCreate { get; set; }

    /// <summary>
    /// jwksUri may be an http(s) URL on a loopback address (127.0.0.1, [::1], localhost), and the token endpoint fetches
    /// it for each private key JWT assertion (at most <see cref="JwksFetchTimeout"/>); without this only https is
    /// registered and such assertions are refused, as the emulator does not reach out of the machine. Qlik's own fetch
    /// and caching rules are unconfirmed; fetching on every assertion is the strictest reading (a removed key stops at once).
    /// </summary>
    public bool FetchLoopbackJwks { get; set; }

    public TimeSpan JwksFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// /oauth/authorize takes a loopback redirect URI (http on 127.0.0.1, [::1] or localhost) that differs from a registered
    /// one only in its port, as RFC 8252 section 7.3 asks of servers for native apps. Unconfirmed for Qlik (section 8.5,
    /// question 3), so off by default: the redirect URI must match a registered one exactly.
    /// </summary>
    public bool AcceptAnyLoopbackPort { get; set; }

    /// <summary>How long an authorization code can be exchanged (unconfirmed; RFC 6749 advises at most 10 minutes). Single use always.</summary>
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 60;

    /// <summary>A refresh token's lifetime: 720 h is Qlik's documented default (tenant admins can set 1 to 720 h).</summary>
    public int RefreshTokenLifetimeSeconds { get; set; } = 720 * 3600;

    /// <summary>
    /// A refresh token is refused (401) once it was exchanged: every refresh answers a new one. Qlik's rotation rule is
    /// unconfirmed (section 8.5, question 4); @qlik/api replaces both tokens on every refresh, so this is on by default.
    /// </summary>
    public bool RefuseSpentRefreshTokens { get; set; } = true;

    /// <summary>
    /// Revoking a refresh token also ends the access tokens of the same sign-in (RFC 7009 section 2.1 "SHOULD").
    /// Unconfirmed for Qlik (section 8.5, question 9), so off by default: only the refresh token dies.
    /// </summary>
    public bool RevokeRefreshTokenEndsAccessTokens { get; set; }

    /// <summary>
    /// A web client must authenticate (client_secret or client_assertion) to exchange a code. Unconfirmed (section 8.5,
    /// question 1): @qlik/api never sends a secret on the exchange, so by default the emulator takes the exchange
    /// without one, and checks the credential whenever one is sent.
    /// </summary>
    public bool RequireWebClientAuthOnCodeExchange { get; set; }

    /// <summary>Tier 1 (GETs): requests per window per caller; Qlik documents 1,000/min counted over 5 min.</summary>
    public int Tier1Limit { get; set; } = 5000;

    /// <summary>Tier 2 (POST/PATCH/DELETE and /oauth/token): Qlik documents 100/min counted over 5 min.</summary>
    public int Tier2Limit { get; set; } = 500;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>21600 s = 6 h, as in every Qlik example.</summary>
    public int TokenLifetimeSeconds { get; set; } = 21600;

    /// <summary>Drives token expiry, assertion exp/iat checks, timestamps and rate windows (not fault delays).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public string TenantId { get; set; } = EmulatorDefaults.TenantId;

    /// <summary>A deep copy, so a caller editing the options later cannot reach into a running emulator.</summary>
    public EmulatorOptions Copy() => new()
    {
        Url = Url, AdminApiKey = AdminApiKey, Users = [.. Users.Select(u => u.Clone())],
        EnableTestControls = EnableTestControls, RequireTrustedConsent = RequireTrustedConsent,
        RequireCspOriginForCors = RequireCspOriginForCors, OriginNotAllowedTitle = OriginNotAllowedTitle,
        RequireClientAuthOnRevoke = RequireClientAuthOnRevoke,
        Tier1Limit = Tier1Limit, Tier2Limit = Tier2Limit, RateLimitWindow = RateLimitWindow,
        TokenLifetimeSeconds = TokenLifetimeSeconds, Clock = Clock, TenantId = TenantId,
        IgnoreConsentAtCreate = IgnoreConsentAtCreate, FetchLoopbackJwks = FetchLoopbackJwks, JwksFetchTimeout = JwksFetchTimeout,
        AcceptAnyLoopbackPort = AcceptAnyLoopbackPort, AuthorizationCodeLifetimeSeconds = AuthorizationCodeLifetimeSeconds,
        RefreshTokenLifetimeSeconds = RefreshTokenLifetimeSeconds, RefuseSpentRefreshTokens = RefuseSpentRefreshTokens,
        RevokeRefreshTokenEndsAccessTokens = RevokeRefreshTokenEndsAccessTokens,
        RequireWebClientAuthOnCodeExchange = RequireWebClientAuthOnCodeExchange,
    };
}
