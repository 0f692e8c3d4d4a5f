using System;
using System.Management.Automation;
using System.Security;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth
{
    /// <summary>
    /// A client secret just generated. Qlik shows it once: keep <see cref="Credential"/> (user name = client id,
    /// password = secret), which the token cmdlets take. Pipe it to Remove-QlikOAuthClientSecret to retire it.
    /// </summary>
    public sealed class QlikOAuthClientSecret
    {
        internal QlikOAuthClientSecret(NewClientSecret secret, QlikSession session)
        {
            ClientId = secret.ClientId;
            Hint = secret.Hint;
            CreatedAt = secret.CreatedAt;
            ClientSecret = secret.Secret;
            Credential = new PSCredential(secret.ClientId, secret.Secret);
            Session = new QlikSessionReference(session);
        }

        public string ClientId { get; }

        /// <summary>Qlik's 5-character name for the secret; null when the tenant did not say.</summary>
        public string? Hint { get; }
        public DateTimeOffset? CreatedAt { get; }
        public SecureString ClientSecret { get; }
        public PSCredential Credential { get; }
        public QlikSessionReference Session { get; }

        public override string ToString() => $"Secret {Hint ?? "(no hint)"} of {ClientId}";
    }
}
