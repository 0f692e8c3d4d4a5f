using System;
using System.Threading;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// Every wait of the engine goes through here, so none is invisible or unbounded: each is checked against
    /// <see cref="QlikHttpOptions.MaxRetryAfter"/> by the caller first, spread a little at random, reported (Verbose over one
    /// second, Warning over ten) and timed by the connection's clock, so tests move time instead of sleeping.
    /// </summary>
    internal static class Waits
    {
        private static readonly TimeSpan Noticeable = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);
        private static readonly object RandomGate = new object();
        private static readonly Random Random = new Random();

        /// <summary>
        /// <paramref name="wait"/> scaled by a random factor in [1 + <paramref name="low"/>, 1 + <paramref name="high"/>],
        /// so parallel callers that failed together do not come back together.
        /// </summary>
        public static TimeSpan Jitter(TimeSpan wait, double low, double high)
        {
            double factor;
            lock (RandomGate)
            {
                factor = 1 + low + (Random.NextDouble() * (high - low));
            }

            return TimeSpan.FromTicks((long)(wait.Ticks * factor));
        }

        /// <summary>A random wait between zero and <paramref name="most"/>.</summary>
        public static TimeSpan UpTo(TimeSpan most)
        {
            lock (RandomGate)
            {
                return TimeSpan.FromTicks((long)(most.Ticks * Random.NextDouble()));
            }
        }

        /// <param name="why">What is waited for, completing "waiting N s ...", such as "for the tenant's Retry-After on GET /api/v1/users".</param>
        public static Task DelayAsync(TimeProvider clock, TimeSpan wait, string why, CancellationToken cancellationToken)
        {
            if (wait <= TimeSpan.Zero)
            {
                return Task.CompletedTask;
            }

            string message = $"Waiting {wait.TotalSeconds:0.#} s {why}.";
            if (wait > Long)
            {
                QlikLog.Warning(message);
            }
            else if (wait > Noticeable)
            {
                QlikLog.Verbose(message);
            }

            return clock.Delay(wait, cancellationToken);
        }
    }
}
