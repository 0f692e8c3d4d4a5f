using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet: runs engine calls while relaying the engine's log to Verbose/Debug from the pipeline
    /// thread, and cancels them on Ctrl+C (StopProcessing).
    /// </summary>
    public abstract class QlikCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<(QlikLogLevel Level, string Message)> _log = new ConcurrentQueue<(QlikLogLevel, string)>();
        private readonly Action<QlikLogLevel, string> _logWriter;

        // Set when a log entry arrives or the engine's task completes: with a listener, the pipeline thread sleeps on it
        // and never polls. Made on the first such wait only: work the engine finishes at once (a cache hit) never needs it.
        private ManualResetEventSlim? _wake;
        private bool? _someoneListens;

        protected QlikCmdlet() => _logWriter = (level, message) =>
        {
            _log.Enqueue((level, message));
            Volatile.Read(ref _wake)?.Set();
        };

        /// <summary>Cancelled when the user presses Ctrl+C or the host stops the pipeline.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs engine work and waits for it on the pipeline thread, writing its log as it comes.
        /// A Ctrl+C ends the wait with PipelineStoppedException, as PowerShell expects.
        /// </summary>
        protected T RunEngine<T>(Func<CancellationToken, Task<T>> work)
        {
            Task<T> task = Start(work);
            if (!task.IsCompleted)
            {
                WaitRelayingLog(task);
            }

            FlushLog();
            try
            {
                // GetResult, not Result: the engine's own exception, not an AggregateException around it.
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void RunEngine(Func<CancellationToken, Task> work) =>
            RunEngine<bool>(async cancellationToken =>
            {
                await work(cancellationToken).ConfigureAwait(false);
                return true;
            });

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stopping.Dispose();
                _wake?.Dispose();
            }
        }

        /// <summary>
        /// Runs the engine on this thread up to its first real wait, so work that needs none (a cached token) finishes
        /// here without a hop to another thread. No synchronization context meanwhile: a continuation must never queue
        /// itself behind this thread, which is about to block.
        /// </summary>
        private Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
        {
            SynchronizationContext? context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                using (QlikLog.BeginScope(SomeoneListens ? _logWriter : null))
                {
                    return work(_stopping.Token);
                }
            }
            catch (Exception exception)
            {
                // As if it had thrown inside the task: one path reports every failure.
                return Task.FromException<T>(exception);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        /// <summary>
        /// Whether Verbose or Debug output is wanted (-Verbose, -Debug, or the preference variables). When neither is,
        /// the engine gets no log writer: it builds no message and never wakes the pipeline thread for one.
        /// </summary>
        private bool SomeoneListens => _someoneListens ??= Wants("Verbose", "VerbosePreference") || Wants("Debug", "DebugPreference");

        private bool Wants(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out object? given))
            {
                return given is SwitchParameter { IsPresent: true } || given is true;
            }

            // An unreadable preference counts as listening: a message too many is better than one lost.
            object? preference = GetVariableValue(preferenceVariable);
            return !Enum.TryParse(preference?.ToString(), ignoreCase: true, out ActionPreference action)
                || (action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore);
        }

        private void WaitRelayingLog(Task task)
        {
            if (!SomeoneListens)
            {
                // Nothing to relay: sleep until the engine is done. The handle, not task.Wait: no AggregateException.
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
                return;
            }

            // No spinning before sleeping: on a small machine a spinning pipeline thread takes the core the engine needs.
            ManualResetEventSlim wake = _wake ??= new ManualResetEventSlim(false, spinCount: 0);
            task.ContinueWith((_, state) => ((ManualResetEventSlim)state!).Set(), wake, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                wake.Wait();
                wake.Reset();
                FlushLog();
            }
        }

        /// <summary>Writes the engine log gathered so far; call only from the pipeline thread.</summary>
        protected void FlushLog()
        {
            while (_log.TryDequeue(out var entry))
            {
                if (entry.Level == QlikLogLevel.Verbose)
                {
                    WriteVerbose(entry.Message);
                }
                else
                {
                    WriteDebug(entry.Message);
                }
            }
        }

        /// <summary>A failure of one pipeline item: reported, and the pipeline goes on (honours -ErrorAction).</summary>
        protected void WriteEngineError(QlikOAuthException exception, object? target = null) =>
            WriteError(ErrorRecords.From(exception, target));

        /// <summary>A failure that ends the whole call.</summary>
        protected void ThrowEngineError(QlikOAuthException exception, object? target = null) =>
            ThrowTerminatingError(ErrorRecords.From(exception, target));
    }
}
