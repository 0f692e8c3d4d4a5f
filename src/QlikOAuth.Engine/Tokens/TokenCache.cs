using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// A session's issued tokens, keyed by tenant, client, grant, scope and user. A token is reused until
    /// <see cref="RefreshMargin"/> before it expires; concurrent requests for one key share one HTTP call. A token
    /// the tenant refused is dropped with <see cref="Remove"/>, every token of a client that changed or went away
    /// with <see cref="RemoveClient"/>. At most <see cref="Capacity"/> tokens are kept: the least recently used
    /// goes first. Safe from many threads.
    /// An invalidation wins over a fetch in flight: each client has a generation that <see cref="RemoveClient"/> moves
    /// on, a fetch remembers the generation it started in, and its token is stored only if that is still current. So
    /// a token fetched with a secret that was removed meanwhile never re-enters the cache, and a caller after the
    /// invalidation starts a request of its own instead of joining the older one.
    /// </summary>
    public sealed class TokenCache
    {
        public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromMinutes(5);

        /// <summary>Enough for a bulk run over a large user base; Connect-QlikTenant -TokenCacheSize sets another.</summary>
        public const int DefaultCapacity = 10_000;

        private readonly object _gate = new object();
        private readonly TokenCacheEntries _entries = new TokenCacheEntries();
        private readonly SingleFlight<(TokenCacheKey Key, long Generation), AccessToken> _flights = new SingleFlight<(TokenCacheKey, long), AccessToken>();

        // Invalidations per client id; a client never invalidated is at 0 and has no entry. One entry per client changed
        // through the session, so it stays as small as the number of clients an admin touches.
        private readonly Dictionary<string, long> _generations = new Dictionary<string, long>(StringComparer.Ordinal);
        private TimeSpan _refreshMargin = DefaultRefreshMargin;
        private int _capacity = DefaultCapacity;

        public TokenCache(TimeProvider clock) => Clock = clock ?? throw new ArgumentNullException(nameof(clock));

        /// <summary>The clock expiry is measured by: a token's life starts when it was asked for on this clock.</summary>
        public TimeProvider Clock { get; }

        /// <summary>How long before its expiry a cached token is replaced by a new one (default 5 minutes).</summary>
        public TimeSpan RefreshMargin
        {
            get => _refreshMargin;
            set => _refreshMargin = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "The refresh margin cannot be negative.");
        }

        /// <summary>The most tokens kept (default <see cref="DefaultCapacity"/>); lowering it drops the least recently used.</summary>
        public int Capacity
        {
            get => _capacity;
            set
            {
                if (value < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "The token cache must hold at least one token.");
                }

                lock (_gate)
                {
                    _capacity = value;
                    _entries.TrimTo(value);
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _entries.Count;
                }
            }
        }

        /// <summary>A cached token that is still fresh, else one new token request shared by all concurrent callers.</summary>
        public Task<AccessToken> GetAsync(QlikConnection connection, TokenRequest request, CancellationToken cancellationToken)
        {
            TokenCacheKey key = request.CacheKeyFor(connection.TenantUrl);
            if (TryGetFresh(key, out AccessToken? cached))
            {
                if (QlikLog.IsListening)
                {
                    QlikLog.Verbose($"Using the cached {request.GrantType} token of client {request.Client.ClientId}{Who(request)}, valid until {cached!.ExpiresAt:u}.");
                }

                // The one allocation of a hit: the task that carries the result.
                return Task.FromResult(cached!);
            }

            return FetchOnceAsync(connection, request, key, cancellationToken);
        }

        /// <summary>Drops the token under this request's key and gets a new one: the tenant refused the one it had.</summary>
        public Task<AccessToken> RenewAsync(QlikConnection connection, TokenRequest request, CancellationToken cancellationToken)
        {
            TokenCacheKey key = request.CacheKeyFor(connection.TenantUrl);
            lock (_gate)
            {
                _entries.Remove(key);
            }

            return GetAsync(connection, request, cancellationToken);
        }

        /// <summary>Forgets this token (the tenant refused it, or it was revoked). A newer token under the same key stays.</summary>
        public bool Remove(AccessToken token)
        {
            lock (_gate)
            {
                return _entries.RemoveWhere(cached => ReferenceEquals(cached, token) || string.Equals(cached.Value, token.Value, StringComparison.Ordinal), firstOnly: true) > 0;
            }
        }

        /// <summary>
        /// Forgets every token of this client, whatever credential fetched it: the client was deleted, lost a secret,
        /// or changed how it authenticates or what it may do, so the tenant may refuse what was issued before.
        /// </summary>
        /// <returns>How many tokens were dropped.</returns>
        public int RemoveClient(string clientId)
        {
            int removed;
            lock (_gate)
            {
                removed = _entries.RemoveWhere(cached => string.Equals(cached.ClientId, clientId, StringComparison.Ordinal), firstOnly: false);
                _generations[clientId] = GenerationOf(clientId) + 1;
            }

            if (removed > 0 && QlikLog.IsListening)
            {
                QlikLog.Verbose($"Dropped {removed} cached token(s) of client {clientId}: the tenant may no longer accept them.");
            }

            return removed;
        }

        // Apart from GetAsync: the lambda's closure would otherwise be allocated on entry, on every hit too.
        // The generation is read here, on the caller's thread: the fetch starts when the caller asks, not when a pool
        // thread gets to it, so an invalidation after the call always counts as after.
        private Task<AccessToken> FetchOnceAsync(QlikConnection connection, TokenRequest request, TokenCacheKey key, CancellationToken cancellationToken)
        {
            long generation;
            lock (_gate)
            {
                generation = GenerationOf(request.Client.ClientId);
            }

            return _flights.RunAsync((key, generation), flightCancellation => FetchAsync(connection, request, key, generation, flightCancellation), cancellationToken);
        }

        private async Task<AccessToken> FetchAsync(QlikConnection connection, TokenRequest request, TokenCacheKey key, long generation, CancellationToken cancellationToken)
        {
            // A flight that finished just before this one started may have stored a fresh token already.
            if (TryGetFresh(key, out AccessToken? stored))
            {
                return stored!;
            }

            AccessToken issued = await TokenClient.RequestAsync(connection, request, Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (GenerationOf(request.Client.ClientId) != generation)
                {
                    // The client changed while the token was fetched: its caller gets it, the cache does not keep it.
                    return issued;
                }

                _entries.Set(key, issued);
                _entries.TrimTo(_capacity);
            }

            return issued;
        }

        /// <summary>Call under the lock.</summary>
        private long GenerationOf(string clientId) => _generations.TryGetValue(clientId, out long generation) ? generation : 0;

        private bool TryGetFresh(TokenCacheKey key, out AccessToken? token)
        {
            lock (_gate)
            {
                return _entries.TryUse(key, out token) && token!.ExpiresAt - _refreshMargin > Clock.GetUtcNow();
            }
        }

        private static string Who(TokenRequest request) => request.User is null ? string.Empty : $" for {request.User}";
    }
}
