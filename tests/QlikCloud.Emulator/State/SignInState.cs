namespace QlikCloud.Emulator.State;

/// <summary>An /oauth/authorize request waiting for the person to sign in (and consent) on the emulator's pages.</summary>
internal sealed record PendingSignIn(
    string Id, string ClientId, string RedirectUri, IReadOnlyList<string> Scopes, string State, string CodeChallenge, string? Prompt, DateTimeOffset ExpiresAt)
{
    /// <summary>Set once the person signed in; the consent page then decides.</summary>
    public string? UserId { get; set; }
}

/// <summary>An authorization code: single use, short-lived, bound to its client, redirect URI and PKCE challenge.</summary>
internal sealed record AuthorizationCode(
    string Value, string ClientId, string RedirectUri, string UserId, IReadOnlyList<string> Scopes, string CodeChallenge, DateTimeOffset ExpiresAt, DateTimeOffset AuthTime);

/// <summary>A refresh token; <see cref="GrantId"/> names the sign-in it (and its access tokens) came from.</summary>
internal sealed record RefreshGrant(
    string Value, string GrantId, string ClientId, string UserId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, DateTimeOffset AuthTime);

/// <summary>The sign-in state of one tenant. Mutated only under <see cref="Tenant.Gate"/>.</summary>
internal sealed class SignInState
{
    public Dictionary<string, PendingSignIn> Pending { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AuthorizationCode> Codes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RefreshGrant> RefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Refresh tokens already exchanged, kept to tell "used before" from "never issued" in the 401's detail.</summary>
    public HashSet<string> SpentRefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Scopes each person approved for each client: approved scopes are not asked again.</summary>
    public HashSet<(string UserId, string ClientId, string Scope)> Approvals { get; } = [];

    /// <summary>What the login_hint shortcut answers on a consent screen (test controls): Allow unless a test says Deny.</summary>
    public bool ShortcutAllowsConsent { get; set; } = true;

    public void Clear()
    {
        Pending.Clear();
        Codes.Clear();
        RefreshTokens.Clear();
        SpentRefreshTokens.Clear();
        Approvals.Clear();
        ShortcutAllowsConsent = true;
    }
}

/// <summary>The sign-in settings of <see cref="EmulatorOptions"/>, copied at start.</summary>
internal sealed class SignInRules(EmulatorOptions options)
{
    public bool AcceptAnyLoopbackPort { get; } = options.AcceptAnyLoopbackPort;
    public TimeSpan CodeLifetime { get; } = TimeSpan.FromSeconds(options.AuthorizationCodeLifetimeSeconds);
    public TimeSpan RefreshTokenLifetime { get; } = TimeSpan.FromSeconds(options.RefreshTokenLifetimeSeconds);
    public bool RefuseSpentRefreshTokens { get; } = options.RefuseSpentRefreshTokens;
    public bool RevokeRefreshTokenEndsAccessTokens { get; } = options.RevokeRefreshTokenEndsAccessTokens;
    public bool RequireWebClientAuthOnCodeExchange { get; } = options.RequireWebClientAuthOnCodeExchange;
}
