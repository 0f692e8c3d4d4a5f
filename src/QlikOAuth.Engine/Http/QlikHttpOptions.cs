using System;

namespace QlikOAuth.Engine.Http
{
    /// <summary>How patient a connection is. The defaults suit an interactive admin and a runbook alike.</summary>
    public sealed class QlikHttpOptions
    {
        /// <summary>The proxy to the tenant; default: the system proxy.</summary>
        public QlikProxy Proxy { get; set; } = QlikProxy.System;

        /// <summary>How many times one request waits out a 429 before it gives up.</summary>
        public int MaxRateLimitRetries { get; set; } = 8;

        /// <summary>How many times an idempotent request is repeated after a 5xx, a timeout or a dropped connection.</summary>
        public int MaxTransientRetries { get; set; } = 3;

        /// <summary>The longest single wait (Retry-After of a 429 or 5xx, a paused rate tier) the engine sleeps; a longer one fails at once.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>The most one request waits in all for the tenant's rate limit (its 429s, a paused tier); then it fails with QlikApi.RateLimited.</summary>
        public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>First back-off after a transient failure; doubled on each further try.</summary>
        public TimeSpan TransientBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The largest answer body read; a larger one fails with QlikApi.ResponseTooLarge instead of filling memory.</summary>
        public long MaxResponseContentBytes { get; set; } = 16 * 1024 * 1024;

        public QlikHttpOptions Clone() => (QlikHttpOptions)MemberwiseClone();
    }
}
