namespace QlikCloud.Emulator.State;

/// <summary>
/// An access token the token endpoint handed out; <see cref="UserId"/> is the bot or the impersonated user.
/// <see cref="Id"/> names it in the oauth-tokens API, which never shows the token itself. <see cref="GrantId"/> names the
/// person's sign-in a token came from (null for client grants).
/// </summary>
internal sealed record IssuedToken(string Id, string Value, string ClientId, string GrantType, string UserId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, string? GrantId = null)
{
    /// <summary>Set each time the token authenticates a REST call. Mutated only under <see cref="Tenant.Gate"/>.</summary>
    public DateTimeOffset? LastUsed { get; set; }
}
