using System;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// What one request has waited for the tenant's rate limit, against <see cref="QlikHttpOptions.MaxRateLimitWait"/>.
    /// Each wait is bounded by MaxRetryAfter, but a request that meets 429 after 429 could wait out eight of them
    /// (40 minutes); this bounds them together. Waits are counted on the connection's clock, as they are slept.
    /// </summary>
    internal sealed class RateLimitBudget
    {
        private readonly TimeSpan _limit;

        public RateLimitBudget(TimeSpan limit) => _limit = limit;

        public TimeSpan Waited { get; private set; }

        /// <summary>How much longer the request may wait; a jittered wait is cut to it.</summary>
        public TimeSpan Left => Waited >= _limit ? TimeSpan.Zero : _limit - Waited;

        public bool Allows(TimeSpan wait) => Waited + wait <= _limit;

        public void Add(TimeSpan waited) => Waited += waited;

        /// <param name="call">"GET /api/v1/users", for the message.</param>
        /// <param name="until">When the tenant's pause ends, so the user knows when to try again.</param>
        public QlikOAuthException Exhausted(string call, DateTimeOffset until) => new QlikOAuthException(
            "QlikApi.RateLimited",
            QlikErrorKind.RateLimited,
            $"{call} gave up on the tenant's rate limit: it waited {Waited.TotalSeconds:0} s in all, and the tier stays paused until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, beyond the {_limit.TotalSeconds:0} s a request of this session waits in all (-MaxRateLimitWaitSec of Connect-QlikTenant). Try again after that time, or connect with a larger -MaxRateLimitWaitSec.",
            call);
    }
}
