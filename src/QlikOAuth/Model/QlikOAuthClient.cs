using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth
{
    /// <summary>
    /// An OAuth client of a tenant. Property names match the next cmdlet's parameters (ClientId, Session, and for a new
    /// client Credential, KeyId, PrivateKeyPath), so New-QlikOAuthClient | Set-QlikOAuthConsent | Get-QlikAccessToken
    /// binds by property name. The secret is there only on the object that created it, as SecureString.
    /// </summary>
    public sealed class QlikOAuthClient
    {
        internal QlikOAuthClient(OAuthClient client, QlikSession session, string? consentMethod)
        {
            ClientId = client.ClientId;
            Name = client.ClientName;
            Description = client.Description;
            AppType = client.AppType;
            GrantTypes = client.AllowedGrantTypes.ToArray();
            Scopes = client.AllowedScopes.ToArray();
            AuthenticationMethods = client.AllowedAuthMethods.ToArray();
            AllowedOrigins = client.AllowedOrigins.ToArray();
            RedirectUris = client.RedirectUris.ToArray();
            ClientUri = client.ClientUri;
            LogoUri = client.LogoUri;
            ConsentMethod = consentMethod ?? client.ConsentMethod;
            SecretHints = client.SecretHints.ToArray();
            PublicKeyIds = client.PublicKeyIds.ToArray();
            PublicKeys = client.PublicKeys.Select(key => new QlikOAuthPublicKey(client.ClientId, key, session)).ToArray();
            JwksUri = client.JwksUri;
            CreatedAt = client.CreatedAt;
            UpdatedAt = client.UpdatedAt;
            PublishedAt = client.PublishedAt;
            TenantId = client.TenantId;
            OwnerId = client.OwnerId;
            RawJson = client.RawJson;
            Session = new QlikSessionReference(session);
        }

        public string ClientId { get; }
        public string? Name { get; }
        public string? Description { get; }

        /// <summary>web (machine clients, and server-side apps people sign in to), native, spa or anonymous-embed.</summary>
        public string? AppType { get; }

        /// <summary>client_credentials and/or urn:qlik:oauth:user-impersonation.</summary>
        public string[] GrantTypes { get; }
        public string[] Scopes { get; }

        /// <summary>client_secret and/or private_key_jwt.</summary>
        public string[] AuthenticationMethods { get; }
        public string[] AllowedOrigins { get; }
        public string[] RedirectUris { get; }
        public string? ClientUri { get; }
        public string? LogoUri { get; }

        /// <summary>This tenant's consent method: trusted or required.</summary>
        public string? ConsentMethod { get; internal set; }

        /// <summary>The 5-character hints of the client's secrets (Remove-QlikOAuthClientSecret -Hint).</summary>
        public string[] SecretHints { get; }
        public string[] PublicKeyIds { get; }

        /// <summary>The registered public keys (kid, type, algorithm, thumbprint, JWK) that this module can read.</summary>
        public QlikOAuthPublicKey[] PublicKeys { get; }

        /// <summary>The JWKS URL the tenant reads the client's keys from, when it has no inline keys.</summary>
        public string? JwksUri { get; }
        public DateTimeOffset? CreatedAt { get; }
        public DateTimeOffset? UpdatedAt { get; }
        public DateTimeOffset? PublishedAt { get; }
        public string? TenantId { get; }
        public string? OwnerId { get; }

        /// <summary>The tenant's JSON for the client (never with a secret): fields this object does not model.</summary>
        public string RawJson { get; }

        /// <summary>The tenant this client lives on; binds to -Session of the next cmdlet.</summary>
        public QlikSessionReference Session { get; }

        /// <summary>The one-time secret, only on the object from New-QlikOAuthClient (or a change that made one).</summary>
        public SecureString? ClientSecret { get; private set; }

        /// <summary>User name = client id, password = the secret: what the token cmdlets take.</summary>
        public PSCredential? Credential { get; private set; }

        /// <summary>The kid of the key the client was created with, for private key JWT.</summary>
        public string? KeyId { get; internal set; }

        /// <summary>Where that key's private half is, when it came from New-QlikOAuthKey.</summary>
        public string? PrivateKeyPath { get; internal set; }

        /// <summary>
        /// This object (a fresh read of the client) with what only an earlier object of the same client knew: the
        /// one-time secret and the private key. The earlier object is not changed.
        /// </summary>
        internal QlikOAuthClient WithCredentialsOf(QlikOAuthClient earlier)
        {
            if (earlier.ClientSecret != null)
            {
                AttachSecret(earlier.ClientSecret);
            }

            KeyId = earlier.KeyId ?? KeyId;
            PrivateKeyPath = earlier.PrivateKeyPath ?? PrivateKeyPath;
            return this;
        }

        internal void AttachSecret(SecureString secret)
        {
            ClientSecret = secret;
            Credential = new PSCredential(ClientId, secret);
        }

        public override string ToString() => $"{Name} ({ClientId})";
    }
}
