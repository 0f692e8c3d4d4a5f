using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// The issuing clients a batch found refused, and how many of their items it then left unsent. A refusal that
    /// concerns the client (a wrong secret or key, an unknown client, a grant, consent or scope it lacks) fails every
    /// other item of that client alike, so sending them only spends the tenant's rate limit: a wrong secret over
    /// 10,000 users would burn the token tier for hours. Where asked, a rate-limit pause longer than the session waits
    /// stops the client's items too: each would fail alike without a request, and one error with the count says it once.
    /// Items of other clients go on. One per batch, kept across its chunks (a cmdlet call); safe from the batch's workers.
    /// </summary>
    public sealed class ClientRefusals
    {
        private readonly object _gate = new object();
        private readonly Dictionary<object, Tally> _clients = new Dictionary<object, Tally>();
        private readonly List<Tally> _refused = new List<Tally>();
        private readonly bool _rateLimitStops;

        /// <param name="rateLimitStops">
        /// Whether a rate-limit pause the session does not wait out stops the client's items. For token batches: their
        /// items share one client and one limit. Not for batches whose items are not a client's token requests.
        /// </param>
        public ClientRefusals(bool rateLimitStops = false) => _rateLimitStops = rateLimitStops;

        /// <summary>The refused clients, in the order they were refused.</summary>
        public IReadOnlyList<Stop> Stops
        {
            get
            {
                lock (_gate)
                {
                    return _refused.Select(tally => new Stop(tally.Client, tally.Refusal!, tally.Items, tally.Untried)).ToList();
                }
            }
        }

        /// <summary>Counts an item of <paramref name="client"/>; returns the client's refusal when the item must not be sent.</summary>
        internal QlikOAuthException? Admit(object client)
        {
            lock (_gate)
            {
                if (!_clients.TryGetValue(client, out Tally? tally))
                {
                    tally = new Tally(client);
                    _clients[client] = tally;
                }

                tally.Items++;
                if (tally.Refusal != null)
                {
                    tally.Untried++;
                }

                return tally.Refusal;
            }
        }

        /// <summary>Whether <paramref name="failure"/> stops the client's items; the first such failure stops its later items.</summary>
        internal bool Refuses(object client, QlikOAuthException failure)
        {
            bool refusesTheClient = failure is QlikTokenException refusal && TokenFailureClassifier.ConcernsTheClient(refusal.Reason);
            if (!refusesTheClient && !(_rateLimitStops && failure.Kind == QlikErrorKind.RateLimited))
            {
                return false;
            }

            lock (_gate)
            {
                Tally tally = _clients[client];
                if (tally.Refusal is null)
                {
                    tally.Refusal = failure;
                    _refused.Add(tally);
                }
            }

            return true;
        }

        /// <summary>A refused client: its first refusal, how many items the batch had for it, and how many of those it never sent.</summary>
        public sealed class Stop
        {
            internal Stop(object client, QlikOAuthException refusal, int items, int untried)
            {
                Client = client;
                Refusal = refusal;
                Items = items;
                Untried = untried;
            }

            /// <summary>The key the batch named the client by.</summary>
            public object Client { get; }

            /// <summary>The client's refusal, or the rate limit that paused its token requests.</summary>
            public QlikOAuthException Refusal { get; }

            public int Items { get; }

            public int Untried { get; }

            /// <summary>The one error that stands for every item of the client (TokenBatchStopped).</summary>
            public QlikOAuthException ToError() => TokenBatchErrors.Stopped(Refusal, Items, Untried);
        }

        private sealed class Tally
        {
            public Tally(object client) => Client = client;

            public object Client { get; }

            public int Items { get; set; }

            public int Untried { get; set; }

            public QlikOAuthException? Refusal { get; set; }
        }
    }
}
