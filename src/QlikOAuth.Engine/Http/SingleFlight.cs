using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// Concurrent calls for one key share one piece of work (one token request, one user creation on the wire). The shared work is
    /// cancelled only when every caller waiting for it has given up, so one caller's Ctrl+C neither fails the
    /// others nor leaves an orphan request running once nobody waits.
    /// </summary>
    internal sealed class SingleFlight<TKey, TValue>
        where TKey : notnull
    {
        private readonly object _gate = new object();
        private readonly Dictionary<TKey, Flight> _flights = new Dictionary<TKey, Flight>();

        public async Task<TValue> RunAsync(TKey key, Func<CancellationToken, Task<TValue>> work, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Flight flight;
            lock (_gate)
            {
                if (!_flights.TryGetValue(key, out flight!) || flight.Abandoned)
                {
                    flight = new Flight();
                    _flights[key] = flight;
                    flight.Task = Task.Run(() => FlyAsync(key, flight, work));
                }

                flight.Waiters++;
            }

            try
            {
                return await WaitAsync(flight.Task, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Leave(flight);
            }
        }

        private async Task<TValue> FlyAsync(TKey key, Flight flight, Func<CancellationToken, Task<TValue>> work)
        {
            try
            {
                return await work(flight.Cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    // An abandoned flight may already have been replaced by a new one under the same key.
                    if (_flights.TryGetValue(key, out Flight? current) && ReferenceEquals(current, flight))
                    {
                        _flights.Remove(key);
                    }
                }
            }
        }

        private void Leave(Flight flight)
        {
            bool cancel;
            lock (_gate)
            {
                flight.Waiters--;
                cancel = flight.Waiters == 0 && !flight.Task.IsCompleted;
                flight.Abandoned |= cancel;
            }

            if (cancel)
            {
                flight.Cancellation.Cancel();
            }
        }

        private static async Task<TValue> WaitAsync(Task<TValue> task, CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled && !task.IsCompleted)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                }
            }

            return await task.ConfigureAwait(false);
        }

        private sealed class Flight
        {
            public Task<TValue> Task { get; set; } = null!;
            public CancellationTokenSource Cancellation { get; } = new CancellationTokenSource();
            public int Waiters { get; set; }
            public bool Abandoned { get; set; }
        }
    }
}
