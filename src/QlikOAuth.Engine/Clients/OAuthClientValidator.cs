using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The documented limits of an OAuth client, checked before any request so a bad value fails at once with a
    /// stable id instead of as a 400 from the tenant. Key size and algorithm were already checked when the
    /// <see cref="PublicJwk"/> was read. Validating also rewrites friendly names to wire values and drops repeats.
    /// </summary>
    public static class OAuthClientValidator
    {
        public const int MaxNameLength = 512;
        public const int MaxDescriptionLength = 4096;
        public const int MaxUriLength = 2048;
        public const int MaxListItems = 5;
        public const int MaxListItemLength = 256;

        public static void Validate(OAuthClientSpec spec)
        {
            CheckName(spec.ClientName);
            CheckDescription(spec.Description);
            CheckUri(spec.ClientUri, ClientErrors.InvalidClientUri, "client URI");
            CheckUri(spec.LogoUri, ClientErrors.InvalidLogoUri, "logo URI");
            spec.AllowedOrigins = Origins(spec.AllowedOrigins);
            spec.RedirectUris = RedirectUris(spec.RedirectUris);
            spec.AllowedScopes = Scopes(spec.AllowedScopes, spec.AllowUnknownScopes);
            spec.AllowedGrantTypes = GrantTypes(spec.AllowedGrantTypes);
            spec.AllowedAuthMethods = spec.AllowedAuthMethods is null ? null : AuthMethods(spec.AllowedAuthMethods);
            CheckUri(spec.JwksUri, ClientErrors.InvalidJwksUri, "JWKS URI");
            CheckKeys(spec.PublicKeys);
            CheckKeySource(spec.PublicKeys, spec.JwksUri);
            CheckKeyForMethod(spec.EffectiveAuthMethods, spec.PublicKeys, spec.JwksUri);
        }

        public static void Validate(OAuthClientChanges changes)
        {
            if (changes.IsEmpty)
            {
                throw ClientErrors.Invalid(ClientErrors.NothingToChange, "No change was given: name at least one property to change.");
            }

            if (changes.ClientName != null)
            {
                CheckName(changes.ClientName);
            }

            CheckDescription(changes.Description);
            // An empty text removes the field (see OAuthClientChanges): only a value that is set must be a URL.
            CheckUri(NullIfEmpty(changes.ClientUri), ClientErrors.InvalidClientUri, "client URI");
            CheckUri(NullIfEmpty(changes.LogoUri), ClientErrors.InvalidLogoUri, "logo URI");
            CheckUri(NullIfEmpty(changes.JwksUri), ClientErrors.InvalidJwksUri, "JWKS URI");
            changes.AllowedOrigins = changes.AllowedOrigins is null ? null : Origins(changes.AllowedOrigins);
            changes.RedirectUris = changes.RedirectUris is null ? null : RedirectUris(changes.RedirectUris);
            changes.AllowedScopes = changes.AllowedScopes is null ? null : Scopes(changes.AllowedScopes, changes.AllowUnknownScopes);
            changes.AllowedGrantTypes = changes.AllowedGrantTypes is null ? null : GrantTypes(changes.AllowedGrantTypes);
            changes.AllowedAuthMethods = changes.AllowedAuthMethods is null ? null : AuthMethods(changes.AllowedAuthMethods);
            if (changes.PublicKeys != null)
            {
                CheckKeys(changes.PublicKeys);
                CheckKeySource(changes.PublicKeys, NullIfEmpty(changes.JwksUri));
            }

            // Without new keys in the same change the client's registered keys decide: the tenant checks that.
            if (changes.AllowedAuthMethods != null && changes.PublicKeys != null)
            {
                CheckKeyForMethod(changes.AllowedAuthMethods, changes.PublicKeys, NullIfEmpty(changes.JwksUri));
            }
        }

        /// <summary>Client ids and secret hints go into URL paths: refuse anything that could escape the path segment.</summary>
        public static string CheckPathSegment(string? value, string errorId, string what)
        {
            if (!IsPathSegment(value))
            {
                throw ClientErrors.Invalid(errorId, $"'{Quote(value)}' is not a valid {what}: it must be non-empty, not '.' or '..', without spaces, slashes, '?', '#' or '%'.", value);
            }

            return value!;
        }

        /// <summary>Whether a value can be a client id or secret hint (see <see cref="CheckPathSegment"/>).</summary>
        // "." and ".." would be resolved as dot segments (RFC 3986 section 5.2.4): "-Hint .." would delete the client itself.
        public static bool IsPathSegment(string? value) =>
            !string.IsNullOrWhiteSpace(value) && value!.Length <= 256 && value != "." && value != ".."
            && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/' || c == '\\' || c == '?' || c == '#' || c == '%');

        private static void CheckName(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw ClientErrors.Invalid(ClientErrors.ClientNameRequired, "A client name is required: give -Name.");
            }

            if (name!.Length > MaxNameLength)
            {
                throw ClientErrors.Invalid(ClientErrors.ClientNameTooLong, $"The client name has {name.Length} characters; Qlik allows at most {MaxNameLength}.", Quote(name));
            }
        }

        private static void CheckDescription(string? description)
        {
            if (description != null && description.Length > MaxDescriptionLength)
            {
                throw ClientErrors.Invalid(ClientErrors.DescriptionTooLong, $"The description has {description.Length} characters; Qlik allows at most {MaxDescriptionLength}.");
            }
        }

        private static void CheckUri(string? value, string errorId, string what)
        {
            if (value is null)
            {
                return;
            }

            if (value.Length > MaxUriLength || !IsHttpUrl(value, out _))
            {
                throw ClientErrors.Invalid(errorId, $"The {what} '{Quote(value)}' is not an absolute http(s) URL of at most {MaxUriLength} characters.", Quote(value));
            }
        }

        /// <summary>An origin is what a browser sends in its Origin header: scheme://host[:port], nothing after it.</summary>
        private static IList<string> Origins(IEnumerable<string> origins)
        {
            IList<string> list = Distinct(origins);
            CheckCount(list, ClientErrors.TooManyAllowedOrigins, "allowed origins");
            foreach (string origin in list)
            {
                bool valid = origin.Length <= MaxListItemLength && IsHttpUrl(origin, out Uri? uri)
                    && string.Equals(origin, uri!.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
                    && string.IsNullOrEmpty(uri.UserInfo);
                if (!valid)
                {
                    throw ClientErrors.Invalid(
                        ClientErrors.InvalidAllowedOrigin,
                        $"The allowed origin '{Quote(origin)}' must be scheme://host[:port] (http or https, no path, no trailing slash, at most {MaxListItemLength} characters), such as https://custom-app.com.",
                        Quote(origin));
                }
            }

            return list;
        }

        private static IList<string> RedirectUris(IEnumerable<string> uris)
        {
            IList<string> list = Distinct(uris);
            CheckCount(list, ClientErrors.TooManyRedirectUris, "redirect URIs");
            foreach (string uri in list)
            {
                // RFC 6749 section 3.1.2: a redirection endpoint has no fragment.
                if (uri.Length > MaxListItemLength || !IsHttpUrl(uri, out _) || uri.IndexOf('#') >= 0)
                {
                    throw ClientErrors.Invalid(
                        ClientErrors.InvalidRedirectUri,
                        $"The redirect URI '{Quote(uri)}' must be an absolute http(s) URL without a fragment, of at most {MaxListItemLength} characters.",
                        Quote(uri));
                }
            }

            return list;
        }

        private static IList<string> Scopes(IEnumerable<string> scopes, bool allowUnknown)
        {
            IList<string> list = Distinct(scopes);
            foreach (string scope in list)
            {
                if (!ClientVocabulary.IsScopeToken(scope))
                {
                    throw ClientErrors.Invalid(
                        ClientErrors.InvalidScope,
                        $"'{Quote(scope)}' is not a scope: give each scope as its own value (-Scope user_default, admin_classic), without spaces or commas.",
                        Quote(scope));
                }

            }

            if (!allowUnknown)
            {
                CheckScopesKnown(list);
            }

            return list;
        }

        /// <summary>
        /// Refuses a scope outside <see cref="ClientVocabulary.KnownScopes"/>: a typo would otherwise become
        /// configuration, as the tenant accepts any scope token and tokens fail much later.
        /// </summary>
        public static void CheckScopesKnown(IEnumerable<string> scopes)
        {
            foreach (string scope in scopes.Where(scope => !ClientVocabulary.KnownScopes.Contains(scope)))
            {
                throw ClientErrors.Invalid(
                    ClientErrors.UnknownScope,
                    $"'{Quote(scope)}' is not a scope Qlik documents{DidYouMean(scope, ClientVocabulary.KnownScopes)}. Give a known scope (Tab completes them), or add -AllowUnknownScope for a scope newer than this module.",
                    Quote(scope));
            }
        }

        private static IList<string> GrantTypes(IEnumerable<string> grantTypes) =>
            Translate(grantTypes, ClientVocabulary.GrantType, ClientVocabulary.GrantTypeNames.Keys, ClientErrors.UnknownGrantType, "grant type", "ClientCredentials (client_credentials) or UserImpersonation (urn:qlik:oauth:user-impersonation)");

        private static IList<string> AuthMethods(IEnumerable<string> methods)
        {
            IList<string> list = Translate(methods, ClientVocabulary.AuthMethod, ClientVocabulary.AuthMethodNames.Keys, ClientErrors.UnknownAuthMethod, "authentication method", "ClientSecret (client_secret) or PrivateKeyJwt (private_key_jwt)");
            if (list.Count == 0)
            {
                throw ClientErrors.Invalid(ClientErrors.NoAuthMethod, "A client needs at least one authentication method: ClientSecret, PrivateKeyJwt or both.");
            }

            return list;
        }

        private static void CheckKeys(IEnumerable<PublicJwk> keys)
        {
            var kids = new HashSet<string>(StringComparer.Ordinal);
            foreach (PublicJwk key in keys)
            {
                if (!kids.Add(key.Kid))
                {
                    throw ClientErrors.Invalid(ClientErrors.DuplicateKeyId, $"Two public keys have the key id '{key.Kid}'; each key needs its own (give -KeyId, or leave it out to use each key's thumbprint).", key.Kid);
                }
            }
        }

        private static void CheckKeyForMethod(IEnumerable<string> methods, ICollection<PublicJwk> keys, string? jwksUri)
        {
            if (keys.Count == 0 && jwksUri is null && methods.Contains(ClientVocabulary.PrivateKeyJwtMethod))
            {
                throw ClientErrors.Invalid(
                    ClientErrors.PublicKeyRequired,
                    "Private key JWT authentication needs a public key: give -PublicKey (a key from New-QlikOAuthKey, a JWK, or a PEM/JWK public key file) or -JwksUri.");
            }
        }

        /// <summary>Qlik reads a client's keys inline or from its JWKS URL, never both.</summary>
        private static void CheckKeySource(ICollection<PublicJwk> keys, string? jwksUri)
        {
            if (keys.Count > 0 && jwksUri != null)
            {
                throw ClientErrors.Invalid(
                    ClientErrors.JwksUriWithPublicKeys,
                    "A client registers its keys inline (-PublicKey) or by URL (-JwksUri), not both: give one of them.",
                    jwksUri);
            }
        }

        private static IList<string> Translate(IEnumerable<string> names, Func<string, string?> translate, IEnumerable<string> friendlyNames, string errorId, string what, string expected)
        {
            var wire = new List<string>();
            foreach (string name in names)
            {
                string value = translate(name) ?? throw ClientErrors.Invalid(errorId, $"'{Quote(name)}' is not a {what} Qlik knows{DidYouMean(name, friendlyNames)}; use {expected}.", Quote(name));
                if (!wire.Contains(value))
                {
                    wire.Add(value);
                }
            }

            return wire;
        }

        private static void CheckCount(ICollection<string> list, string errorId, string what)
        {
            if (list.Count > MaxListItems)
            {
                throw ClientErrors.Invalid(errorId, $"{list.Count} {what} were given; Qlik allows at most {MaxListItems}.");
            }
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private static IList<string> Distinct(IEnumerable<string> values) => (values ?? Enumerable.Empty<string>()).Select(v => v ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();

        private static bool IsHttpUrl(string value, out Uri? uri) =>
            Uri.TryCreate(value, UriKind.Absolute, out uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host)
            && value.Trim().Length == value.Length;

        private static string DidYouMean(string typed, IEnumerable<string> known) =>
            Spelling.Closest(typed, known) is string suggestion ? $" (did you mean {suggestion}?)" : string.Empty;

        /// <summary>Echoes user input in a message, shortened so a pasted blob does not flood the error.</summary>
        private static string Quote(string? value) =>
            value is null ? string.Empty : value.Length <= 80 ? value : value.Substring(0, 77) + "...";
    }
}
