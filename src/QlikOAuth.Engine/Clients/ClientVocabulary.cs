using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The words of the OAuth client API: grant types, auth methods, consent methods and well-known scopes, with
    /// the friendly names users type (ClientCredentials, PrivateKeyJwt, Trusted) mapped to what Qlik expects on the
    /// wire. One source for validation, for the cmdlets' parameters and for argument completion.
    /// </summary>
    public static class ClientVocabulary
    {
        public const string WebAppType = "web";

        /// <summary>
        /// Not a wire grant: Qlik's allowedGrantTypes holds only machine grants, and a client signs people in through
        /// its redirect URIs. Given as a grant type it asks for a sign-in client (redirect URIs, no machine grant),
        /// which reads naturally at the prompt: -GrantType AuthorizationCode.
        /// </summary>
        public const string AuthorizationCode = "AuthorizationCode";

        /// <summary>Friendly name → wire value of the four app types (section 8.1 of the API notes).</summary>
        public static readonly IReadOnlyDictionary<string, string> AppTypeNames = Names(
            ("Web", WebAppType),
            ("Native", "native"),
            ("SinglePage", "spa"),
            ("AnonymousEmbed", "anonymous-embed"));

        public const string ClientSecretMethod = "client_secret";
        public const string PrivateKeyJwtMethod = "private_key_jwt";

        public const string TrustedConsent = "trusted";
        public const string RequiredConsent = "required";

        public const string DefaultScope = "user_default";

        /// <summary>Friendly name → wire value; the wire values map to themselves so both spellings work.</summary>
        public static readonly IReadOnlyDictionary<string, string> GrantTypeNames = Names(
            ("ClientCredentials", GrantTypes.ClientCredentials),
            ("UserImpersonation", GrantTypes.UserImpersonation));

        public static readonly IReadOnlyDictionary<string, string> AuthMethodNames = Names(
            ("ClientSecret", ClientSecretMethod),
            ("PrivateKeyJwt", PrivateKeyJwtMethod));

        public static readonly IReadOnlyDictionary<string, string> ConsentMethodNames = Names(
            ("Trusted", TrustedConsent),
            ("Required", RequiredConsent));

        /// <summary>
        /// Scopes offered for completion. Not a closed list: Qlik adds scopes over time, so any well-formed scope
        /// token passes validation (see <see cref="IsScopeToken"/>) and the tenant has the final word.
        /// </summary>
        public static readonly IReadOnlyList<string> KnownScopes = new[]
        {
            "user_default", "admin_classic", "offline_access", "admin.apps", "admin.apps:export", "admin.automations",
            "admin.spaces", "admin.users", "apps", "apps:read", "apps:export", "automations", "automations:read",
            "identity.email:read", "identity.name:read", "identity.picture:read", "identity.subject:read",
            "spaces.data:read", "spaces.managed:read", "spaces.shared:read", "users", "users:read",
        };

        public static string? AppType(string name) => Lookup(AppTypeNames, name);

        /// <summary>Qlik's wire value for a grant type given by friendly or wire name (case-insensitive), or null.</summary>
        public static string? GrantType(string name) => Lookup(GrantTypeNames, name);

        public static string? AuthMethod(string name) => Lookup(AuthMethodNames, name);

        public static string? ConsentMethod(string name) => Lookup(ConsentMethodNames, name);

        /// <summary>
        /// A scope is one token: letters, digits and <c>_ . : -</c>. Spaces and commas are the usual mistakes
        /// ("user_default admin_classic" as one value) and Qlik would refuse them at token time, far from here.
        /// </summary>
        public static bool IsScopeToken(string scope) =>
            scope.Length > 0 && scope.Length <= 256 && scope.All(c => char.IsLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == ':' || c == '-');

        private static string? Lookup(IReadOnlyDictionary<string, string> names, string name) =>
            name != null && names.TryGetValue(name.Trim(), out string? wire) ? wire : null;

        private static IReadOnlyDictionary<string, string> Names(params (string Friendly, string Wire)[] pairs)
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (friendly, wire) in pairs)
            {
                names[friendly] = wire;
                names[wire] = wire;
            }

            return names;
        }
    }
}
