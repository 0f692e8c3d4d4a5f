using System;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth
{
    /// <summary>
    /// One secret of a client as Get-QlikOAuthClientSecret lists it: its hint and when and by whom it was made, never
    /// the secret itself (the tenant showed that once, as a QlikOAuthClientSecret). ClientId, Hint and Session bind by
    /// property name to Remove-QlikOAuthClientSecret and Update-QlikOAuthClientSecret.
    /// </summary>
    public sealed class QlikOAuthClientSecretInfo
    {
        internal QlikOAuthClientSecretInfo(string clientId, ClientSecretInfo secret, QlikSession session)
        {
            ClientId = clientId;
            Hint = secret.Hint;
            CreatedAt = secret.CreatedAt;
            CreatedBy = secret.CreatedBy;
            Session = new QlikSessionReference(session);
        }

        public string ClientId { get; }

        /// <summary>Qlik's 5-character name for the secret.</summary>
        public string Hint { get; }

        /// <summary>Null when the tenant did not say.</summary>
        public DateTimeOffset? CreatedAt { get; }

        /// <summary>The id of the user who made the secret; null when the tenant did not say.</summary>
        public string? CreatedBy { get; }

        public QlikSessionReference Session { get; }

        public override string ToString() => $"Secret {Hint} of {ClientId}";
    }
}
