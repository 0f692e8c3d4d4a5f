using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// After a 429 Qlik blocks the whole tier for this caller until Retry-After has passed. Every request of
    /// the connection in that tier waits here instead of hitting the wall and counting against the limit,
    /// which is what lets a bulk batch run close to the limit without failing users. A block longer than the
    /// connection allows to wait fails later calls at once, saying until when, instead of hanging them.
    /// </summary>
    internal sealed class RateGate
    {
        private readonly object _gate = new object();
        private readonly DateTimeOffset[] _blockedUntil = new DateTimeOffset[2];
        /// <summary>The most a release is spread after the instant the tenant named.</summary>
        private static readonly TimeSpan ReleaseSpread = TimeSpan.FromMilliseconds(25);

        private readonly TimeProvider _clock;

        public RateGate(TimeProvider clock) => _clock = clock;

        public void Block(RateTier tier, TimeSpan wait)
        {
            DateTimeOffset until = _clock.GetUtcNow() + wait;
            lock (_gate)
            {
                if (until > _blockedUntil[(int)tier])
                {
                    _blockedUntil[(int)tier] = until;
                }
            }
        }

        /// <param name="maxWait">The longest this caller may wait; a longer block fails at once with QlikApi.RateLimited.</param>
        /// <param name="budget">What the caller may still wait in all; a block beyond it fails at once with QlikApi.RateLimited.</param>
        /// <param name="call">"GET /api/v1/users", for the messages.</param>
        public async Task WaitAsync(RateTier tier, TimeSpan maxWait, RateLimitBudget budget, string call, CancellationToken cancellationToken)
        {
            while (true)
            {
                DateTimeOffset until;
                lock (_gate)
                {
                    until = _blockedUntil[(int)tier];
                }

                TimeSpan remaining = until - _clock.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    return;
                }

                if (remaining > maxWait)
                {
                    throw new QlikOAuthException(
                        "QlikApi.RateLimited",
                        QlikErrorKind.RateLimited,
                        $"{call} was not sent: the tenant's rate limit pauses this session's {Describe(tier)} until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, longer than the {maxWait.TotalSeconds:0} s this session waits. Try again after that time.",
                        call);
                }

                if (!budget.Allows(remaining))
                {
                    throw budget.Exhausted(call, until);
                }

                // Released when the tenant said, never early (it would refuse, and count, an early call), plus a few
                // milliseconds at random so the callers waiting here do not arrive in one burst. Not a share of the wait:
                // Retry-After is the tenant's own schedule, and the 0-20% this once added cost up to a second per rate
                // window (a bulk run took 1.05x to 1.08x its floor). Azure.Core and MSAL likewise wait exactly
                // Retry-After and spread only the back-off they compute themselves (Waits.Jitter, QlikConnection).
                TimeSpan wait = Max(remaining, Min(remaining + Waits.UpTo(ReleaseSpread), budget.Left));
                DateTimeOffset started = _clock.GetUtcNow();
                await Waits.DelayAsync(_clock, wait, $"before {call}: the tenant's rate limit pauses this session's {Describe(tier)}", cancellationToken).ConfigureAwait(false);
                budget.Add(_clock.GetUtcNow() - started);
            }
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        private static string Describe(RateTier tier) => tier == RateTier.Tier1 ? "reads (tier 1)" : "writes and token requests (tier 2)";
    }
}
