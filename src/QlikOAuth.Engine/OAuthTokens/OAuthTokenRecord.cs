using System;

namespace QlikOAuth.Engine.OAuthTokens
{
    /// <summary>
    /// A live token as the oauth-tokens API lists it: its id (never the token itself), whose it is, and when it was
    /// last used. Qlik puts the issuing client's name in <see cref="Description"/> (unconfirmed).
    /// </summary>
    public sealed class OAuthTokenRecord
    {
        public string Id { get; set; } = "";
        public string? UserId { get; set; }
        public string? TenantId { get; set; }
        public DateTimeOffset? LastUsed { get; set; }
        public string? DeviceType { get; set; }
        public string? Description { get; set; }

        public override string ToString() => $"token {Id} of user {UserId}";
    }
}
