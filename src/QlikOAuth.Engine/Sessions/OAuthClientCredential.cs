using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Sessions
{
    /// <summary>
    /// An admin OAuth client (client_credentials). Its token is kept until a minute before it expires and
    /// fetched by one caller at a time, so concurrent cmdlets on one session share one token request.
    /// </summary>
    public sealed class OAuthClientCredential : ITenantCredential
    {
        /// <summary>Qlik's documented broad admin scope; which narrower scope suffices is unconfirmed, hence settable.</summary>
        public const string DefaultScope = "admin_classic";

        private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(1);
        private readonly SemaphoreSlim _fetch = new SemaphoreSlim(1, 1);
        private readonly TimeProvider _clock;
        private AccessToken? _token;

        public OAuthClientCredential(ClientAuthentication client, string? scope = null, TimeProvider? clock = null)
        {
            Client = client;
            Scope = string.IsNullOrWhiteSpace(scope) ? DefaultScope : scope!;
            _clock = clock ?? TimeProvider.System;
        }

        public ClientAuthentication Client { get; }

        public string Scope { get; }

        public string Description => $"OAuth client {Client.ClientId}";

        public bool CanRefresh => true;

        public async Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken)
        {
            AccessToken? seen = _token;
            if (!refresh && IsFresh(seen))
            {
                return seen!.Value;
            }

            await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have fetched while we waited; a refused token is replaced only once.
                AccessToken? current = _token;
                if (IsFresh(current) && (!refresh || !ReferenceEquals(current, seen)))
                {
                    return current!.Value;
                }

                var request = new TokenRequest(GrantTypes.ClientCredentials, Client, Scope);
                _token = await TokenClient.RequestAsync(connection, request, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return _token.Value;
            }
            finally
            {
                _fetch.Release();
            }
        }

        public override string ToString() => Description;

        private bool IsFresh(AccessToken? token) => token != null && token.ExpiresAt - RenewalMargin > _clock.GetUtcNow();
    }
}
