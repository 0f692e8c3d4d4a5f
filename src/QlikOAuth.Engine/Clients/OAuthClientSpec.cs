using System.Collections.Generic;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// What a new web client should be. Lists may hold friendly names (ClientCredentials, PrivateKeyJwt) or wire
    /// values; <see cref="OAuthClientValidator.Validate(OAuthClientSpec)"/> checks them and rewrites them to wire values.
    /// </summary>
    public sealed class OAuthClientSpec
    {
        public string ClientName { get; set; } = string.Empty;
        public string? Description { get; set; }
        public string? ClientUri { get; set; }
        public string? LogoUri { get; set; }
        public IList<string> RedirectUris { get; set; } = new List<string>();
        public IList<string> AllowedOrigins { get; set; } = new List<string>();
        public IList<string> AllowedScopes { get; set; } = new List<string> { ClientVocabulary.DefaultScope };

        /// <summary>Machine-to-machine (client_credentials) unless told otherwise.</summary>
        public IList<string> AllowedGrantTypes { get; set; } = new List<string> { Tokens.GrantTypes.ClientCredentials };

        /// <summary>
        /// Null: client_secret (the console's default), plus private_key_jwt when public keys or a JWKS URL are given, so a client
        /// made with a key works both ways, as in Qlik's impersonation tutorial.
        /// </summary>
        public IList<string>? AllowedAuthMethods { get; set; }

        public IList<PublicJwk> PublicKeys { get; set; } = new List<PublicJwk>();

        /// <summary>A JWKS URL the tenant fetches the client's keys from, instead of inline <see cref="PublicKeys"/>.</summary>
        public string? JwksUri { get; set; }

        /// <summary>Ask for consent method trusted in the create request (the only value Qlik takes at creation).</summary>
        public bool Trusted { get; set; }

        /// <summary>Let scopes outside <see cref="ClientVocabulary.KnownScopes"/> through (one newer than this module); default: refuse them as typos.</summary>
        public bool AllowUnknownScopes { get; set; }

        /// <summary>The auth methods that will be sent, after the default is applied.</summary>
        public IList<string> EffectiveAuthMethods =>
            AllowedAuthMethods ?? (PublicKeys.Count > 0 || JwksUri != null
                ? new List<string> { ClientVocabulary.ClientSecretMethod, ClientVocabulary.PrivateKeyJwtMethod }
                : new List<string> { ClientVocabulary.ClientSecretMethod });
    }
}
