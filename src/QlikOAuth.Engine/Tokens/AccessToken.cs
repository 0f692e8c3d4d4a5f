using System;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// An issued access token. The value is opaque (never parsed) and never shown by ToString.
    /// Kept lean, since a session may cache thousands: the expiry as UTC ticks, the user as the two strings the
    /// request already had (no lookup object per token), no per-token copy of shared text.
    /// </summary>
    public sealed class AccessToken
    {
        private readonly long _expiresAtUtcTicks;
        private readonly string? _userField;
        private readonly string? _userValue;

        public AccessToken(string value, string tokenType, DateTimeOffset expiresAt, string? scope, string clientId, string grantType, UserLookup? user)
        {
            Value = value;
            TokenType = tokenType;
            _expiresAtUtcTicks = expiresAt.UtcTicks;
            Scope = scope;
            ClientId = clientId;
            GrantType = grantType;
            _userField = user?.Field;
            _userValue = user?.Value;
        }

        /// <summary>The bearer text. Callers turn it into a SecureString unless the user asked for plain text.</summary>
        public string Value { get; }

        public string TokenType { get; }

        public DateTimeOffset ExpiresAt => new DateTimeOffset(_expiresAtUtcTicks, TimeSpan.Zero);

        public string? Scope { get; }

        public string ClientId { get; }

        public string GrantType { get; }

        /// <summary>Whom the token acts for (impersonation); null for M2M.</summary>
        public UserLookup? User => _userField is null ? null : UserLookup.Of(_userField, _userValue!);

        public override string ToString() => $"{TokenType} token for client {ClientId}{(User is null ? string.Empty : " acting as " + User)}, expires {ExpiresAt:u}";
    }
}
