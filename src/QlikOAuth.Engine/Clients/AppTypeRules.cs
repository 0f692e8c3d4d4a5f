using System.Collections.Generic;
using System.Linq;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// What each app type may hold and do (API notes, section 8.1), checked before any request so a client the tenant
    /// would refuse, or one that could never work, fails here with an id of its own. Only web clients are confidential:
    /// machine grants, secrets and keys are theirs alone (whether a native client gets a secret is unconfirmed: the
    /// strict reading, none). A native app has no browser origin. An anonymous embed signs no one in: it has no
    /// redirect URI and no authorization code sign-in, and as nobody is asked for consent, nor published to other
    /// tenants' sign-in, its consent stays Required and it is not published (which types take consent and publish is
    /// unconfirmed: the strict reading, only those that sign people in).
    /// </summary>
    internal sealed class AppTypeRules
    {
        private static readonly Dictionary<string, AppTypeRules> ByType = new Dictionary<string, AppTypeRules>
        {
            [ClientVocabulary.WebAppType] = new AppTypeRules(ClientVocabulary.WebAppType, confidential: true, signsIn: true, origins: true),
            ["native"] = new AppTypeRules("native", confidential: false, signsIn: true, origins: false),
            ["spa"] = new AppTypeRules("spa", confidential: false, signsIn: true, origins: true),
            ["anonymous-embed"] = new AppTypeRules("anonymous-embed", confidential: false, signsIn: false, origins: true),
        };

        private readonly string _appType;
        private readonly bool _confidential;
        private readonly bool _signsIn;
        private readonly bool _origins;

        private AppTypeRules(string appType, bool confidential, bool signsIn, bool origins)
        {
            _appType = appType;
            _confidential = confidential;
            _signsIn = signsIn;
            _origins = origins;
        }

        private string Name => $"{("aeiou".IndexOf(_appType[0]) < 0 ? "A" : "An")} {_appType} client";

        /// <summary>The rules of a wire app type (a read without appType counts as web); null for a type this module does not know.</summary>
        public static AppTypeRules? Of(string? appType) => ByType.TryGetValue(appType ?? ClientVocabulary.WebAppType, out AppTypeRules? rules) ? rules : null;

        /// <summary>Refuses a secret or key for <paramref name="client"/> when its type is public, before anything is sent.</summary>
        public static void EnsureConfidential(OAuthClient client)
        {
            if (Of(client.AppType) is AppTypeRules rules && !rules._confidential)
            {
                throw ClientErrors.Invalid(ClientErrors.CredentialNotAllowed, $"Client {client.ClientId} is {rules.Name.ToLowerInvariant()}, which is public: it has no secret and no key (it signs in with PKCE). Nothing was sent; a secret or key needs a web client.", client.ClientId);
            }
        }

        /// <summary>Refuses to publish <paramref name="client"/> when its type signs no one in, before anything is sent.</summary>
        public static void EnsurePublishable(OAuthClient client)
        {
            if (Of(client.AppType) is AppTypeRules rules && !rules._signsIn)
            {
                throw ClientErrors.Invalid(ClientErrors.PublishNotAllowed, $"Client {client.ClientId} is {rules.Name.ToLowerInvariant()}, which signs no one in, so there is no sign-in to offer other tenants: only web, native and spa clients are published. Nothing was sent.", client.ClientId);
            }
        }

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
        /// <param name="currentRedirectUris">The client's redirect URIs, for a change that gives none; null for a create.</param>
        public void Check(ClientDefinition wanted, IReadOnlyList<string>? currentRedirectUris)
        {
            if (_confidential && wanted.AllowedAuthMethods?.Count == 0)
            {
                throw ClientErrors.Invalid(ClientErrors.NoAuthMethod, "A client needs at least one authentication method: ClientSecret, PrivateKeyJwt or both.");
            }

            if (!_confidential)
            {
                if (wanted.AllowedGrantTypes?.Count > 0)
                {
                    throw ClientErrors.Invalid(ClientErrors.MachineGrantNotAllowed, $"{Name} cannot have machine grants ({string.Join(", ", wanted.AllowedGrantTypes)}): client_credentials and user impersonation are for web clients only. Leave -GrantType out, or create a web client.", _appType);
                }

                if (wanted.AllowedAuthMethods?.Count > 0 || wanted.PublicKeys?.Count > 0 || !string.IsNullOrEmpty(wanted.JwksUri))
                {
                    throw ClientErrors.Invalid(ClientErrors.CredentialNotAllowed, $"{Name} is public: it has no secret and no key (it signs in with PKCE). Leave -AuthenticationMethod, -PublicKey and -JwksUri out, or create a web client.", _appType);
                }
            }

            if (!_signsIn)
            {
                CheckSignsNoOneIn(wanted);
            }

            if (!_origins && wanted.AllowedOrigins?.Count > 0)
            {
                throw ClientErrors.Invalid(ClientErrors.AllowedOriginsNotAllowed, $"{Name} runs outside a browser, so it takes no allowed origin: leave -AllowedOrigin out, or create a SinglePage client for a browser app.", _appType);
            }

            if (wanted.SignsIn && (wanted.RedirectUris ?? currentRedirectUris)?.Count == 0)
            {
                throw ClientErrors.Invalid(ClientErrors.RedirectUriRequired, $"{Name} that signs people in (AuthorizationCode) needs at least one redirect URI, where the browser returns after sign-in: give -RedirectUri, such as https://app.example.com/callback.", _appType);
            }
        }

        /// <summary>The names a user may give, for messages.</summary>
        public static string Known => string.Join(", ", ClientVocabulary.AppTypeNames.Keys.Where(name => !ByType.ContainsKey(name)));

        private void CheckSignsNoOneIn(ClientDefinition wanted)
        {
            if (wanted.SignsIn)
            {
                throw ClientErrors.Invalid(ClientErrors.AuthorizationCodeNotAllowed, $"{Name} signs no one in, so it takes no authorization code sign-in: leave AuthorizationCode out of -GrantType, or create a Native, SinglePage or Web client for people to sign in with.", _appType);
            }

            if (wanted.RedirectUris?.Count > 0)
            {
                throw ClientErrors.Invalid(ClientErrors.RedirectUrisNotAllowed, $"{Name} signs no one in, so it takes no redirect URI: leave -RedirectUri out.", _appType);
            }

            if (wanted.ConsentMethod == ClientVocabulary.TrustedConsent)
            {
                throw ClientErrors.Invalid(ClientErrors.ConsentNotAllowed, $"{Name} signs no one in, so nobody is asked for consent and its consent method stays Required: leave -ConsentMethod and -Trusted out, and do not pass it to Set-QlikOAuthConsent.", _appType);
            }
        }
    }
}
