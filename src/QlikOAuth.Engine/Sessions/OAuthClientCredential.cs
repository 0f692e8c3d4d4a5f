using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Sessions
{
    /// <summary>
    /// An admin OAuth client (client_credentials). Its token lives in <see cref="Tokens"/>, the cache its session
    /// also issues through, so concurrent cmdlets share one token request, and a change to the admin client itself
    /// (Remove-QlikOAuthClientSecret, ...) drops its token like any other client's.
    /// </summary>
    public sealed class OAuthClientCredential : ITenantCredential
    {
        /// <summary>Qlik's documented broad admin scope; which narrower scope suffices is unconfirmed, hence settable.</summary>
        public const string DefaultScope = "admin_classic";

        private readonly TokenRequest _request;

        public OAuthClientCredential(ClientAuthentication client, string? scope = null, TimeProvider? clock = null)
        {
            Client = client;
            Scope = string.IsNullOrWhiteSpace(scope) ? DefaultScope : scope!;
            _request = new TokenRequest(GrantTypes.ClientCredentials, Client, Scope);
            Tokens = new TokenCache(clock ?? TimeProvider.System);
        }

        public ClientAuthentication Client { get; }

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

        public override string ToString() => Description;
    }
}
