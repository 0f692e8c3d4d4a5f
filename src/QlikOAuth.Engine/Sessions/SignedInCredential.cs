using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.SignIn;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Sessions
{
    /// <summary>
    /// A person who signed in (Connect-QlikTenant -Interactive): REST calls carry their access token. With a refresh
    /// token (offline_access) the token is renewed shortly before it expires, and once when the tenant refuses it (a 401);
    /// each renewal brings a new refresh token, the old one dies. Renewals share one request. Nothing is written to disk.
    /// Owns the web client's authentication: disposing clears its signing key.
    /// </summary>
    public sealed class SignedInCredential : ITenantCredential, IDisposable
    {
        private readonly SemaphoreSlim _renewing = new SemaphoreSlim(1, 1);
        private readonly ClientAuthentication? _client;
        private readonly TimeProvider _clock;
        private AccessToken _token;
        private string? _refreshToken;

        public SignedInCredential(string clientId, ClientAuthentication? client, SignInTokens tokens, TimeProvider? clock = null)
        {
            ClientId = clientId;
            _client = client;
            _token = tokens.AccessToken;
            _refreshToken = tokens.RefreshToken;
            _clock = clock ?? TimeProvider.System;
        }

        public string ClientId { get; }

        public string Description => $"signed in with client {ClientId}";

        /// <summary>Whether a refused or expiring token can be replaced: only while a refresh token is held.</summary>
        public bool CanRefresh => Volatile.Read(ref _refreshToken) != null;

        /// <summary>Renewed this long before it expires, as the token cache does for issued tokens.</summary>
        public TimeSpan RenewalMargin { get; set; } = TokenCache.DefaultRefreshMargin;

        public async Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken) =>
            (await GetTokenAsync(connection, refresh, cancellationToken).ConfigureAwait(false)).Value;

        /// <summary>The current token, renewed first when it is close to expiry or <paramref name="refresh"/> asks.</summary>
        /// <exception cref="Errors.QlikOAuthException">SignIn.Expired: the token is over and there is no refresh token.</exception>
        public async Task<AccessToken> GetTokenAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken)
        {
            AccessToken seen = Volatile.Read(ref _token);
            if (!refresh && !IsDue(seen))
            {
                return seen;
            }

            await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have renewed while this one waited: its token is the one to use.
                AccessToken current = _token;
                if (!ReferenceEquals(current, seen) && !IsDue(current))
                {
                    return current;
                }

                if (_refreshToken is null)
                {
                    if (refresh || current.ExpiresAt <= _clock.GetUtcNow())
                    {
                        throw SignInErrors.Expired(ClientId);
                    }

                    return current;
                }

                QlikLog.Verbose($"Renewing the signed-in token of client {ClientId} with the refresh token.");
                var parameters = new Dictionary<string, object> { ["refresh_token"] = _refreshToken };
                AccessToken token;
                string? next;
                try
                {
                    (token, next) = await TokenClient.RequestGrantAsync(connection, "refresh_token", ClientId, _client, parameters, cancellationToken).ConfigureAwait(false);
                }
                catch (QlikTokenException refused) when ((int)refused.StatusCode == 401 && refused.Reason != TokenFailureReason.InvalidClientCredentials)
                {
                    // Section 8.2: a 401 means the refresh token is bad, expired or revoked, and is to be dropped. Only a new
                    // sign-in helps (a 401 for the web client's own secret or key is left as it is: that is fixed elsewhere).
                    _refreshToken = null;
                    throw SignInErrors.Expired(ClientId, refused);
                }

                Volatile.Write(ref _token, token);
                // A tenant that answers no new refresh token keeps the old one valid (rotation is unconfirmed).
                _refreshToken = next ?? _refreshToken;
                return token;
            }
            finally
            {
                _renewing.Release();
            }
        }

        /// <summary>Revokes the refresh token (Disconnect-QlikTenant), so nobody can renew this sign-in again.</summary>
        public async Task SignOutAsync(QlikConnection connection, CancellationToken cancellationToken)
        {
            // Under the renewal lock: a renewal in flight would otherwise store a new refresh token after this one is revoked.
            string? refreshToken;
            await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                refreshToken = _refreshToken;
                _refreshToken = null;
            }
            finally
            {
                _renewing.Release();
            }

            if (refreshToken != null)
            {
                await TokenClient.RevokeAsync(connection, refreshToken, "refresh_token", _client, cancellationToken).ConfigureAwait(false);
                QlikLog.Verbose($"Revoked the refresh token of the sign-in with client {ClientId}.");
            }
        }

        public void Dispose() => (_client as IDisposable)?.Dispose();

        private bool IsDue(AccessToken token) => token.ExpiresAt - RenewalMargin <= _clock.GetUtcNow();

        public override string ToString() => Description;
    }
}
