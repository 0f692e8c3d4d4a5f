using System;
using QlikOAuth.Engine.OAuthTokens;

namespace QlikOAuth
{
    /// <summary>
    /// A live OAuth token of the tenant as the token audit lists it: whose it is, which client issued it, when it was
    /// last used. It never holds the token itself. Pipe it to Revoke-QlikOAuthToken (binds <see cref="Id"/>).
    /// </summary>
    public sealed class QlikOAuthToken
    {
        internal QlikOAuthToken(OAuthTokenRecord token, QlikSession session)
        {
            Id = token.Id;
            UserId = token.UserId;
            TenantId = token.TenantId;
            ClientName = token.Description;
            LastUsed = token.LastUsed;
            DeviceType = token.DeviceType;
            Session = new QlikSessionReference(session);
        }

        public string Id { get; }
        public string? UserId { get; }
        public string? TenantId { get; }

        /// <summary>The issuing client, as the tenant describes the token (its client's name).</summary>
        public string? ClientName { get; }

        /// <summary>Null when the token has not been used yet.</summary>
        public DateTimeOffset? LastUsed { get; }
        public string? DeviceType { get; }
        public QlikSessionReference Session { get; }

        public override string ToString() => $"OAuth token {Id} of user {UserId}";
    }
}
