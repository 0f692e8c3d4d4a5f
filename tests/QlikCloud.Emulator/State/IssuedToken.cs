namespace QlikCloud.Emulator.State;

/// <summary>An access token the token endpoint handed out; <see cref="UserId"/> is the bot or the impersonated user.</summary>
internal sealed record IssuedToken(string Value, string ClientId, string GrantType, string UserId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
