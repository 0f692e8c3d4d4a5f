using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// A session's issued tokens, keyed by tenant, client, grant, scope and user. A token is reused until
    /// <see cref="RefreshMargin"/> before it expires; concurrent requests for one key share one HTTP call; a
    /// token the tenant refused (401 on use) is dropped with <see cref="Remove"/>. Safe from many threads.
    /// </summary>
    public sealed class TokenCache
    {
        public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromMinutes(5);

        // Expired tokens are swept every so many stores, so a long-lived session issuing for many users stays small.
        private const int SweepInterval = 256;

        private readonly object _gate = new object();
        private readonly Dictionary<TokenCacheKey, AccessToken> _tokens = new Dictionary<TokenCacheKey, AccessToken>();
        private readonly SingleFlight<TokenCacheKey, AccessToken> _flights = new SingleFlight<TokenCacheKey, AccessToken>();
        private readonly TimeProvider _clock;
        private TimeSpan _refreshMargin = DefaultRefreshMargin;
        private int _storesSinceSweep;

        public TokenCache(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

        /// <summary>How long before expires_at a cached token is replaced by a new one (default 5 minutes).</summary>
        public TimeSpan RefreshMargin
        {
            get => _refreshMargin;
            set => _refreshMargin = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "The refresh margin cannot be negative.");
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _tokens.Count;
                }
            }
        }

        /// <summary>A cached token that is still fresh, else one new token request shared by all concurrent callers.</summary>
        public async Task<AccessToken> GetAsync(QlikConnection connection, TokenRequest request, CancellationToken cancellationToken)
        {
            TokenCacheKey key = TokenCacheKey.For(connection.TenantUrl, request);
            if (TryGetFresh(key, out AccessToken? cached))
            {
                QlikLog.Verbose($"Using the cached {request.GrantType} token of client {request.Client.ClientId}{Who(request)}, valid until {cached!.ExpiresAt:u}.");
                return cached;
            }

            return await _flights.RunAsync(
                key,
                async flightCancellation =>
                {
                    // A flight that finished just before this one started may have stored a fresh token already.
                    if (TryGetFresh(key, out AccessToken? stored))
                    {
                        return stored!;
                    }

                    AccessToken issued = await TokenClient.RequestAsync(connection, request, _clock.GetUtcNow(), flightCancellation).ConfigureAwait(false);
                    Store(key, issued);
                    return issued;
                },
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Forgets this token (the tenant refused it, or it was revoked). A newer token under the same key stays.</summary>
        public bool Remove(AccessToken token)
        {
            lock (_gate)
            {
                foreach (KeyValuePair<TokenCacheKey, AccessToken> entry in _tokens)
                {
                    if (ReferenceEquals(entry.Value, token) || string.Equals(entry.Value.Value, token.Value, StringComparison.Ordinal))
                    {
                        _tokens.Remove(entry.Key);
                        return true;
                    }
                }
            }

            return false;
        }

        private bool TryGetFresh(TokenCacheKey key, out AccessToken? token)
        {
            lock (_gate)
            {
                return _tokens.TryGetValue(key, out token) && IsFresh(token);
            }
        }

        private void Store(TokenCacheKey key, AccessToken token)
        {
            lock (_gate)
            {
                _tokens[key] = token;
                if (++_storesSinceSweep >= SweepInterval)
                {
                    _storesSinceSweep = 0;
                    DateTimeOffset now = _clock.GetUtcNow();
                    foreach (TokenCacheKey expired in _tokens.Where(entry => entry.Value.ExpiresAt <= now).Select(entry => entry.Key).ToList())
                    {
                        _tokens.Remove(expired);
                    }
                }
            }
        }

        private bool IsFresh(AccessToken token) => token.ExpiresAt - _refreshMargin > _clock.GetUtcNow();

        private static string Who(TokenRequest request) => request.User is null ? string.Empty : $" for {request.User}";
    }
}
