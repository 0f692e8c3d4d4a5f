namespace QlikCloud.Emulator.RateLimiting;

/// <summary>
/// Qlik's per-caller, per-tier limit over a sliding window. Once a caller hits the limit the whole tier stays
/// blocked for it until the oldest counted request leaves the window; refused requests are not counted.
/// </summary>
internal sealed class RateLimiter(TimeProvider clock, int tier1Limit, int tier2Limit, TimeSpan window)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Caller, int Tier), Bucket> _buckets = [];
    private int _tier1Limit = tier1Limit;
    private int _tier2Limit = tier2Limit;
    private TimeSpan _window = window;

    /// <summary>Tier 1: GETs. Tier 2: writes and the token endpoint.</summary>
    public static int TierOf(string method, string path) =>
        HttpMethods.IsGet(method) && (!path.StartsWith("/oauth/", StringComparison.Ordinal) || path == "/oauth/authorize") ? 1 : 2;

    /// <summary>Counts the request, or returns the whole seconds (at least 1) the caller must wait.</summary>
    public int? TryAcquire(string caller, int tier)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_buckets.TryGetValue((caller, tier), out var bucket))
            {
                bucket = new Bucket();
                _buckets[(caller, tier)] = bucket;
            }
            if (bucket.BlockedUntil > now)
            {
                return WaitSeconds(bucket.BlockedUntil - now);
            }
            while (bucket.Hits.Count > 0 && bucket.Hits.Peek() <= now - _window)
            {
                bucket.Hits.Dequeue();
            }
            var limit = tier == 1 ? _tier1Limit : _tier2Limit;
            if (bucket.Hits.Count >= limit)
            {
                bucket.BlockedUntil = bucket.Hits.Count > 0 ? bucket.Hits.Peek() + _window : now + _window;
                return WaitSeconds(bucket.BlockedUntil - now);
            }
            bucket.Hits.Enqueue(now);
            return null;
        }
    }

    public void Configure(int tier1Limit, int tier2Limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tier1Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(tier2Limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        lock (_gate)
        {
            (_tier1Limit, _tier2Limit, _window) = (tier1Limit, tier2Limit, window);
            _buckets.Clear();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    private static int WaitSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private sealed class Bucket
    {
        public Queue<DateTimeOffset> Hits { get; } = new();
        public DateTimeOffset BlockedUntil { get; set; }
    }
}
