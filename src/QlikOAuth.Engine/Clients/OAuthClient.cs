using System;
using System.Collections.Generic;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// A client as the tenant shows it. Built by <see cref="OAuthClientReader"/>, which tolerates missing fields and
    /// fields of an unexpected type (null / empty), and keeps the whole answer in <see cref="RawJson"/> minus any
    /// secret, so fields this model does not know stay reachable.
    /// </summary>
    public sealed class OAuthClient
    {
        public string ClientId { get; internal set; } = string.Empty;
        public string? ClientName { get; internal set; }
        public string? Description { get; internal set; }
        public string? AppType { get; internal set; }
        public string? ClientUri { get; internal set; }
        public string? LogoUri { get; internal set; }
        public IReadOnlyList<string> RedirectUris { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<string> AllowedOrigins { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<string> AllowedScopes { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<string> AllowedGrantTypes { get; internal set; } = Array.Empty<string>();
        public IReadOnlyList<string> AllowedAuthMethods { get; internal set; } = Array.Empty<string>();

        /// <summary>The kid of each registered public key.</summary>
        public IReadOnlyList<string> PublicKeyIds { get; internal set; } = Array.Empty<string>();

        /// <summary>
        /// The registered public keys this module can read, checked as on registration. A key it cannot read (a
        /// newer key type) is missing here but still named in <see cref="PublicKeyIds"/>: compare the counts before
        /// copying the keys elsewhere.
        /// </summary>
        public IReadOnlyList<PublicJwk> PublicKeys { get; internal set; } = Array.Empty<PublicJwk>();

        /// <summary>The JWKS URL the tenant fetches the client's keys from, instead of inline public keys.</summary>
        public string? JwksUri { get; internal set; }

        /// <summary>The 5-character hints of the client's secrets (clientSecrets[].hint, or the older clientSecretHint).</summary>
        public IReadOnlyList<string> SecretHints { get; internal set; } = Array.Empty<string>();

        /// <summary>The client's secrets with what the tenant says of each (hint, createdAt, createdBy), in the tenant's order.</summary>
        public IReadOnlyList<ClientSecretInfo> Secrets { get; internal set; } = Array.Empty<ClientSecretInfo>();

        /// <summary>connectionConfig.consentMethod when the answer carried it, else null (ask connection-configs/me).</summary>
        public string? ConsentMethod { get; internal set; }

        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? UpdatedAt { get; internal set; }
        public DateTimeOffset? PublishedAt { get; internal set; }
        public string? TenantId { get; internal set; }
        public string? OwnerId { get; internal set; }
        public string? CreatedByType { get; internal set; }

        /// <summary>The tenant's JSON for this client, without clientSecret.</summary>
        public string RawJson { get; internal set; } = "{}";

        public override string ToString() => $"{ClientName} ({ClientId})";
    }
}
