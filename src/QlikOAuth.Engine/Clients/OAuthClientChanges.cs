using System.Collections.Generic;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Changes to an existing client; null members stay as they are, a list replaces the whole list (an empty list
    /// clears it), an empty text removes the field. Becomes one JSON Patch array of replace operations.
    /// </summary>
    public sealed class OAuthClientChanges
    {
        public string? ClientName { get; set; }
        public string? Description { get; set; }
        public string? ClientUri { get; set; }
        public string? LogoUri { get; set; }
        public IList<string>? RedirectUris { get; set; }
        public IList<string>? AllowedOrigins { get; set; }
        public IList<string>? AllowedScopes { get; set; }
        public IList<string>? AllowedGrantTypes { get; set; }
        public IList<string>? AllowedAuthMethods { get; set; }
        public IList<PublicJwk>? PublicKeys { get; set; }

        /// <summary>A new JWKS URL; an empty string removes it (a client moving to inline keys).</summary>
        public string? JwksUri { get; set; }

        /// <summary>Let scopes outside <see cref="ClientVocabulary.KnownScopes"/> through; default: refuse them as typos.</summary>
        public bool AllowUnknownScopes { get; set; }

        /// <summary>The JSON Patch paths this change touches, in a stable order (for messages and -WhatIf).</summary>
        public IReadOnlyList<string> Paths
        {
            get
            {
                var paths = new List<string>();
                Add(paths, "/clientName", ClientName);
                Add(paths, "/description", Description);
                Add(paths, "/clientUri", ClientUri);
                Add(paths, "/logoUri", LogoUri);
                Add(paths, "/redirectUris", RedirectUris);
                Add(paths, "/allowedOrigins", AllowedOrigins);
                Add(paths, "/allowedScopes", AllowedScopes);
                Add(paths, "/allowedGrantTypes", AllowedGrantTypes);
                Add(paths, "/allowedAuthMethods", AllowedAuthMethods);
                Add(paths, "/publicKeys", PublicKeys);
                Add(paths, "/jwksUri", JwksUri);
                return paths;
            }
        }

        public bool IsEmpty => Paths.Count == 0;

        private static void Add(List<string> paths, string path, object? value)
        {
            if (value != null)
            {
                paths.Add(path);
            }
        }
    }
}
