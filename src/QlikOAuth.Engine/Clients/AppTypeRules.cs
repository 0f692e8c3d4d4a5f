using System.Collections.Generic;
using System.Linq;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// What each app type may hold (API notes, section 8.1), checked before any request so a client the tenant would
    /// refuse, or one that could never work, fails here with an id of its own. Only web clients are confidential:
    /// machine grants, secrets and keys are theirs alone. A native app has no browser origin; an anonymous embed
    /// signs no one in, so it has no redirect URI.
    /// </summary>
    internal sealed class AppTypeRules
    {
        private static readonly Dictionary<string, AppTypeRules> ByType = new Dictionary<string, AppTypeRules>
        {
            [ClientVocabulary.WebAppType] = new AppTypeRules(ClientVocabulary.WebAppType, confidential: true, redirects: true, origins: true),
            ["native"] = new AppTypeRules("native", confidential: false, redirects: true, origins: false),
            ["spa"] = new AppTypeRules("spa", confidential: false, redirects: true, origins: true),
            ["anonymous-embed"] = new AppTypeRules("anonymous-embed", confidential: false, redirects: false, origins: true),
        };

        private readonly string _appType;
        private readonly bool _confidential;
        private readonly bool _redirects;
        private readonly bool _origins;

        private AppTypeRules(string appType, bool confidential, bool redirects, bool origins)
        {
            _appType = appType;
            _confidential = confidential;
            _redirects = redirects;
            _origins = origins;
        }

        /// <summary>The rules of a wire app type (a read without appType counts as web); null for a type this module does not know.</summary>
        public static AppTypeRules? Of(string? appType) => ByType.TryGetValue(appType ?? ClientVocabulary.WebAppType, out AppTypeRules? rules) ? rules : null;

        /// <summary>The defaults of a create that names none: a web client is a machine client; a public client has no grant and no credential.</summary>
        public void FillDefaults(ClientDefinition wanted)
        {
            wanted.AllowedGrantTypes ??= _confidential ? new[] { Tokens.GrantTypes.ClientCredentials } : new string[0];
            if (!_confidential)
            {
                wanted.AllowedAuthMethods ??= new string[0];
            }
        }

        /// <summary>Checks the given fields of a checked definition (wire values).</summary>
        /// <param name="signIn">AuthorizationCode was asked: the client signs people in, so it needs a redirect URI.</param>
        public void Check(ClientDefinition wanted, bool signIn)
        {
            string name = $"{("aeiou".IndexOf(_appType[0]) < 0 ? "A" : "An")} {_appType} client";
            if (_confidential && wanted.AllowedAuthMethods?.Count == 0)
            {
                throw ClientErrors.Invalid(ClientErrors.NoAuthMethod, "A client needs at least one authentication method: ClientSecret, PrivateKeyJwt or both.");
            }

            if (!_confidential)
            {
                if (wanted.AllowedGrantTypes?.Count > 0)
                {
                    throw ClientErrors.Invalid(ClientErrors.MachineGrantNotAllowed, $"{name} cannot have machine grants ({string.Join(", ", wanted.AllowedGrantTypes)}): client_credentials and user impersonation are for web clients only. Leave -GrantType out, or create a web client.", _appType);
                }

                if (wanted.AllowedAuthMethods?.Count > 0 || wanted.PublicKeys?.Count > 0 || !string.IsNullOrEmpty(wanted.JwksUri))
                {
                    throw ClientErrors.Invalid(ClientErrors.CredentialNotAllowed, $"{name} is public: it has no secret and no key (it signs in with PKCE). Leave -AuthenticationMethod, -PublicKey and -JwksUri out, or create a web client.", _appType);
                }
            }

            if (!_redirects && wanted.RedirectUris?.Count > 0)
            {
                throw ClientErrors.Invalid(ClientErrors.RedirectUrisNotAllowed, $"{name} signs no one in, so it takes no redirect URI: leave -RedirectUri out.", _appType);
            }

            if (!_origins && wanted.AllowedOrigins?.Count > 0)
            {
                throw ClientErrors.Invalid(ClientErrors.AllowedOriginsNotAllowed, $"{name} runs outside a browser, so it takes no allowed origin: leave -AllowedOrigin out, or create a SinglePage client for a browser app.", _appType);
            }

            if (signIn && (!_redirects || wanted.RedirectUris?.Count == 0))
            {
                throw ClientErrors.Invalid(ClientErrors.RedirectUriRequired, $"{name} that signs people in (AuthorizationCode) needs at least one redirect URI, where the browser returns after sign-in: give -RedirectUri, such as https://app.example.com/callback.", _appType);
            }
        }

        /// <summary>The names a user may give, for messages.</summary>
        public static string Known => string.Join(", ", ClientVocabulary.AppTypeNames.Keys.Where(name => !ByType.ContainsKey(name)));
    }
}
