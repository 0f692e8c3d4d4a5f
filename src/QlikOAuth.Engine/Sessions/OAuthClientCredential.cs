using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Sessions
{
    /// <summary>
    /// An admin OAuth client (client_credentials). Its token lives in <see cref="Tokens"/>, the cache its session
    /// also issues through, so concurrent cmdlets share one token request, and a change to the admin client itself
    /// (Remove-QlikOAuthClientSecret, ...) drops its token like any other client's. A rotation of the secret it signs in
    /// with switches it to the new secret (<see cref="SwitchTo"/>).
    /// </summary>
    public sealed class OAuthClientCredential : ITenantCredential, IClientSignIn
    {
        /// <summary>Qlik's documented broad admin scope; which narrower scope suffices is unconfirmed, hence settable.</summary>
        public const string DefaultScope = "admin_classic";

        // Swapped whole by SwitchTo, so a caller on another thread sees either the old request or the new, never half.
        private volatile TokenRequest _request;

        public OAuthClientCredential(ClientAuthentication client, string? scope = null, TimeProvider? clock = null)
        {
            Scope = string.IsNullOrWhiteSpace(scope) ? DefaultScope : scope!;
            _request = new TokenRequest(GrantTypes.ClientCredentials, client, Scope);
            Tokens = new TokenCache(clock ?? TimeProvider.System);
        }

        public ClientAuthentication Client => _request.Client;

        public string Scope { get; }

        /// <summary>The cache that holds this client's token; a session connected with this credential issues through it too.</summary>
        public TokenCache Tokens { get; }

        public string Description => $"OAuth client {Client.ClientId}";

        public bool CanRefresh => true;

        public async Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken)
        {
            // Callers that see the token refused at the same time share one new request: each drops the entry, and the
            // single flight under that key joins them to the request already under way.
            AccessToken token = refresh
                ? await Tokens.RenewAsync(connection, _request, cancellationToken).ConfigureAwait(false)
                : await Tokens.GetAsync(connection, _request, cancellationToken).ConfigureAwait(false);
            return token.Value;
        }

        /// <summary>Whether this credential signs in as client <paramref name="clientId"/>: deleting that client ends the session.</summary>
        public bool IsClient(string clientId) => string.Equals(Client.ClientId, clientId, StringComparison.Ordinal);

        /// <summary>
        /// What <paramref name="changes"/> to client <paramref name="clientId"/> take away that this credential signs in
        /// with: its authentication method, or the client_credentials grant its token requests use, left out of the
        /// client's list. Null when the change keeps both, or concerns another client.
        /// </summary>
        public string? LostBy(string clientId, ClientDefinition changes)
        {
            if (!IsClient(clientId))
            {
                return null;
            }

            if (changes.AllowedAuthMethods is { } methods && !methods.Any(method => ClientVocabulary.AuthMethod(method) == Client.Method))
            {
                return $"the change leaves {Client.Method} out of its authentication methods";
            }

            return changes.AllowedGrantTypes is { } grants && !grants.Any(grant => ClientVocabulary.GrantType(grant) == GrantTypes.ClientCredentials)
                ? $"the change leaves {GrantTypes.ClientCredentials} out of its grant types"
                : null;
        }

        /// <summary>
        /// Whether the secret named by <paramref name="hint"/> is the one this credential signs in with (the secret starts
        /// or ends with the hint): removing it ends the session.
        /// </summary>
        public bool UsesSecret(string clientId, string hint) =>
            IsClient(clientId) && Client is ClientSecretAuthentication secret && secret.HintsAmong(new[] { hint }).Count > 0;

        /// <summary>
        /// Signs in with the client's new secret from the next token request on. The old secret's token is not reused:
        /// the cache key holds which secret fetched a token, so this request never finds it, and removing the old secret
        /// drops it (a fetch with the old secret still in flight then stores nothing, see <see cref="TokenCache"/>).
        /// </summary>
        public void SwitchTo(ClientAuthentication replacement)
        {
            if (!string.Equals(replacement.ClientId, Client.ClientId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The session signs in as client {Client.ClientId}, not {replacement.ClientId}.", nameof(replacement));
            }

            _request = new TokenRequest(GrantTypes.ClientCredentials, replacement, Scope);
        }

        public override string ToString() => Description;
    }
}
