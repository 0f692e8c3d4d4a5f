using System;
using System.Threading;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// After a 429 Qlik blocks the whole tier for this caller until Retry-After has passed. Every request of
    /// the connection in that tier waits here instead of hitting the wall and counting against the limit,
    /// which is what lets a bulk batch run close to the limit without failing users.
    /// </summary>
    internal sealed class RateGate
    {
        private readonly object _gate = new object();
        private readonly DateTime[] _blockedUntilUtc = new DateTime[2];

        public void Block(RateTier tier, TimeSpan wait)
        {
            DateTime until = DateTime.UtcNow + wait;
            lock (_gate)
            {
                if (until > _blockedUntilUtc[(int)tier])
                {
                    _blockedUntilUtc[(int)tier] = until;
                }
            }
        }

        public async Task WaitAsync(RateTier tier, CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan remaining;
                lock (_gate)
                {
                    remaining = _blockedUntilUtc[(int)tier] - DateTime.UtcNow;
                }

                if (remaining <= TimeSpan.Zero)
                {
                    return;
                }

                await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
