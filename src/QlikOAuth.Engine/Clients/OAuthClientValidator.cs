using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The documented limits of an OAuth client, checked before any request so a bad value fails at once with a
    /// stable id instead of as a 400 from the tenant. Key size and algorithm were already checked when the
    /// <see cref="PublicJwk"/> was read. Checking also rewrites friendly names to wire values and drops repeats.
    /// The per-field checks are the rows of <see cref="ClientFields"/>; <see cref="Check"/> runs them and the rules between fields.
    /// </summary>
    public static class OAuthClientValidator
    {
        public const int MaxNameLength = 512;
        public const int MaxDescriptionLength = 4096;
        public const int MaxUriLength = 2048;
        public const int MaxListItems = 5;
        public const int MaxListItemLength = 256;

        /// <summary>
        /// The definition checked once, before any request, and rewritten to wire values: each given field by its row
        /// of <see cref="ClientFields"/>, then the rules between fields. For a create, what is not given takes its
        /// default (a web machine client: user_default, client_credentials, client_secret, plus private_key_jwt when
        /// keys are given, consent required). Whether a scope is known is not checked here: that depends on the
        /// client's current scopes (see <see cref="CheckScopesKnown"/>). A checked definition is returned as it is.
        /// </summary>
        public static ClientDefinition Check(ClientDefinition definition, bool forCreate)
        {
            if (definition.IsChecked)
            {
                return definition;
            }

            if (!forCreate && !definition.Given.Any())
            {
                throw ClientErrors.Invalid(ClientErrors.NothingToChange, "No change was given: name at least one property to change.");
            }

            ClientDefinition wanted = definition.With();
            wanted.SignsIn = TakeSignIn(wanted);
            if (forCreate)
            {
                wanted.AppType ??= ClientVocabulary.WebAppType;
                wanted.ClientName ??= string.Empty;
            }

            foreach (ClientField field in wanted.Given.ToList())
            {
                wanted.Set(field, field.Check(wanted.Get(field)!));
            }

            // A change that names no app type is held to the client's own, once it is read (ClientProvisioner.DriftAsync).
            AppTypeRules? rules = wanted.AppType is null ? null : AppTypeRules.Of(wanted.AppType);
            if (forCreate)
            {
                CreateDefaults(wanted, rules!);
            }

            string? jwksUri = string.IsNullOrEmpty(wanted.JwksUri) ? null : wanted.JwksUri;
            if (wanted.PublicKeys != null)
            {
                CheckKeySource(wanted.PublicKeys, jwksUri);
            }

            // Without new keys in the same change the client's registered keys decide: the tenant checks that.
            if (wanted.AllowedAuthMethods != null && wanted.PublicKeys != null)
            {
                CheckKeyForMethod(wanted.AllowedAuthMethods, wanted.PublicKeys, jwksUri);
            }

            rules?.Check(wanted, currentRedirectUris: null);

            return wanted.With(isChecked: true);
        }

        /// <summary>AuthorizationCode is no wire grant (see <see cref="ClientVocabulary.AuthorizationCode"/>): taken out of the list, it asks for the sign-in rules.</summary>
        private static bool TakeSignIn(ClientDefinition wanted)
        {
            if (wanted.AllowedGrantTypes is null || !wanted.AllowedGrantTypes.Contains(ClientVocabulary.AuthorizationCode, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            wanted.AllowedGrantTypes = wanted.AllowedGrantTypes.Where(grant => !string.Equals(grant, ClientVocabulary.AuthorizationCode, StringComparison.OrdinalIgnoreCase)).ToList();
            return true;
        }

        private static void CreateDefaults(ClientDefinition wanted, AppTypeRules rules)
        {
            wanted.AllowedScopes ??= new[] { ClientVocabulary.DefaultScope };
            wanted.RedirectUris ??= Array.Empty<string>();
            wanted.AllowedOrigins ??= Array.Empty<string>();
            wanted.PublicKeys ??= Array.Empty<PublicJwk>();
            wanted.ConsentMethod ??= ClientVocabulary.RequiredConsent;
            rules.FillDefaults(wanted);

            // client_secret is the console's default; with a key the client works both ways, as in Qlik's impersonation tutorial.
            wanted.AllowedAuthMethods ??= wanted.PublicKeys.Count > 0 || !string.IsNullOrEmpty(wanted.JwksUri)
                ? new[] { ClientVocabulary.ClientSecretMethod, ClientVocabulary.PrivateKeyJwtMethod }
                : new[] { ClientVocabulary.ClientSecretMethod };
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

        internal static string Name(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw ClientErrors.Invalid(ClientErrors.ClientNameRequired, "A client name is required: give -Name.");
            }

            if (name!.Length > MaxNameLength)
            {
                throw ClientErrors.Invalid(ClientErrors.ClientNameTooLong, $"The client name has {name.Length} characters; Qlik allows at most {MaxNameLength}.", Quote(name));
            }

            return name;
        }

        internal static string Description(string description) =>
            description.Length > MaxDescriptionLength
                ? throw ClientErrors.Invalid(ClientErrors.DescriptionTooLong, $"The description has {description.Length} characters; Qlik allows at most {MaxDescriptionLength}.")
                : description;

        internal static string HttpUrl(string value, string errorId, string what) =>
            value.Length > MaxUriLength || !IsHttpUrl(value, out _)
                ? throw ClientErrors.Invalid(errorId, $"The {what} '{Quote(value)}' is not an absolute http(s) URL of at most {MaxUriLength} characters.", Quote(value))
                : value;

        /// <summary>An origin is what a browser sends in its Origin header: scheme://host[:port], nothing after it.</summary>
        internal static IReadOnlyList<string> Origins(IReadOnlyList<string> origins) =>
            EachValid(origins, ClientErrors.TooManyAllowedOrigins, "allowed origins", IsOrigin, ClientErrors.InvalidAllowedOrigin, origin =>
                $"The allowed origin '{origin}' must be scheme://host[:port] (http or https, no path, no trailing slash, at most {MaxListItemLength} characters), such as https://custom-app.com.");

        // RFC 6749 section 3.1.2: a redirection endpoint has no fragment.
        internal static IReadOnlyList<string> RedirectUris(IReadOnlyList<string> uris) =>
            EachValid(uris, ClientErrors.TooManyRedirectUris, "redirect URIs", uri => uri.Length <= MaxListItemLength && IsHttpUrl(uri, out _) && uri.IndexOf('#') < 0, ClientErrors.InvalidRedirectUri, uri =>
                $"The redirect URI '{uri}' must be an absolute http(s) URL without a fragment, of at most {MaxListItemLength} characters.");

        /// <summary>Each scope one token; whether it is known is <see cref="CheckScopesKnown"/>'s question.</summary>
        internal static IReadOnlyList<string> Scopes(IReadOnlyList<string> scopes) =>
            EachValid(scopes, null, "scopes", ClientVocabulary.IsScopeToken, ClientErrors.InvalidScope, scope =>
                $"'{scope}' is not a scope: give each scope as its own value (-Scope user_default, admin_classic), without spaces or commas.");

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

        internal static IReadOnlyList<string> GrantTypes(IReadOnlyList<string> grantTypes) =>
            Translate(grantTypes, ClientVocabulary.GrantType, ClientVocabulary.GrantTypeNames.Keys, ClientErrors.UnknownGrantType, "grant type", "ClientCredentials (client_credentials) or UserImpersonation (urn:qlik:oauth:user-impersonation)");

        internal static IReadOnlyList<string> AuthMethods(IReadOnlyList<string> methods) =>
            Translate(methods, ClientVocabulary.AuthMethod, ClientVocabulary.AuthMethodNames.Keys, ClientErrors.UnknownAuthMethod, "authentication method", "ClientSecret (client_secret) or PrivateKeyJwt (private_key_jwt)");

        internal static IReadOnlyList<PublicJwk> Keys(IReadOnlyList<PublicJwk> keys)
        {
            var kids = new HashSet<string>(StringComparer.Ordinal);
            foreach (PublicJwk key in keys)
            {
                if (!kids.Add(key.Kid))
                {
                    throw ClientErrors.Invalid(ClientErrors.DuplicateKeyId, $"Two public keys have the key id '{key.Kid}'; each key needs its own (give -KeyId, or leave it out to use each key's thumbprint).", key.Kid);
                }
            }

            return keys;
        }

        internal static string AppType(string appType) =>
            ClientVocabulary.AppType(appType)
                ?? throw ClientErrors.Invalid(ClientErrors.UnknownAppType, $"'{Quote(appType)}' is not an app type{DidYouMean(appType, ClientVocabulary.AppTypeNames.Keys)}; use {AppTypeRules.Known} (or web, native, spa, anonymous-embed).", Quote(appType));

        internal static string Consent(string consent) =>
            ClientVocabulary.ConsentMethod(consent) ?? throw ClientErrors.Invalid(ClientErrors.InvalidConsentMethod, $"'{Quote(consent)}' is not a consent method; use Trusted or Required.", consent);

        private static void CheckKeyForMethod(IEnumerable<string> methods, IReadOnlyCollection<PublicJwk> keys, string? jwksUri)
        {
            if (keys.Count == 0 && jwksUri is null && methods.Contains(ClientVocabulary.PrivateKeyJwtMethod))
            {
                throw ClientErrors.Invalid(
                    ClientErrors.PublicKeyRequired,
                    "Private key JWT authentication needs a public key: give -PublicKey (a key from New-QlikOAuthKey, a JWK, or a PEM/JWK public key file) or -JwksUri.");
            }
        }

        /// <summary>Qlik reads a client's keys inline or from its JWKS URL, never both.</summary>
        private static void CheckKeySource(IReadOnlyCollection<PublicJwk> keys, string? jwksUri)
        {
            if (keys.Count > 0 && jwksUri != null)
            {
                throw ClientErrors.Invalid(
                    ClientErrors.JwksUriWithPublicKeys,
                    "A client registers its keys inline (-PublicKey) or by URL (-JwksUri), not both: give one of them.",
                    jwksUri);
            }
        }

        private static List<string> Translate(IEnumerable<string> names, Func<string, string?> translate, IEnumerable<string> friendlyNames, string errorId, string what, string expected)
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

        /// <summary>
        /// Each value once, at most <see cref="MaxListItems"/> of them when <paramref name="tooManyId"/> is given, and
        /// each valid: the first that is not is refused, echoed shortened in <paramref name="problem"/>.
        /// </summary>
        private static List<string> EachValid(IReadOnlyList<string> values, string? tooManyId, string what, Func<string, bool> isValid, string invalidId, Func<string, string> problem)
        {
            List<string> list = Distinct(values);
            if (tooManyId != null && list.Count > MaxListItems)
            {
                throw ClientErrors.Invalid(tooManyId, $"{list.Count} {what} were given; Qlik allows at most {MaxListItems}.");
            }

            string? invalid = list.FirstOrDefault(value => !isValid(value));
            return invalid is null ? list : throw ClientErrors.Invalid(invalidId, problem(Quote(invalid)), Quote(invalid));
        }

        private static bool IsOrigin(string origin) =>
            origin.Length <= MaxListItemLength && IsHttpUrl(origin, out Uri? uri)
            && string.Equals(origin, uri!.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(uri.UserInfo);

        private static List<string> Distinct(IEnumerable<string> values) => (values ?? Enumerable.Empty<string>()).Select(v => v ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();

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
