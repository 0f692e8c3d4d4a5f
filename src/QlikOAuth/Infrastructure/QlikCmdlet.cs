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
    /// Base of every cmdlet: runs engine calls off the pipeline thread while relaying the engine's log to
    /// Verbose/Debug/Warning from the pipeline thread, and cancels them on Ctrl+C (StopProcessing).
    /// </summary>
    public abstract class QlikCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<(QlikLogLevel Level, string Message)> _log = new ConcurrentQueue<(QlikLogLevel, string)>();

        /// <summary>Cancelled when the user presses Ctrl+C or the host stops the pipeline.</summary>
        protected CancellationToken CancellationToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs engine work and waits for it on the pipeline thread, writing its log as it comes.
        /// A Ctrl+C ends the wait with PipelineStoppedException, as PowerShell expects.
        /// </summary>
        protected T RunEngine<T>(Func<CancellationToken, Task<T>> work)
        {
            Task<T> task = Task.Run(async () =>
            {
                using (QlikLog.BeginScope((level, message) => _log.Enqueue((level, message))))
                {
                    return await work(_stopping.Token).ConfigureAwait(false);
                }
            });

            // Wait on the handle, not task.Wait: that would wrap the engine's exception in an AggregateException.
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(25)))
            {
                FlushLog();
            }

            FlushLog();
            try
            {
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

        /// <summary>Writes the engine log gathered so far; call only from the pipeline thread.</summary>
        protected void FlushLog()
        {
            while (_log.TryDequeue(out var entry))
            {
                switch (entry.Level)
                {
                    case QlikLogLevel.Verbose:
                        WriteVerbose(entry.Message);
                        break;
                    case QlikLogLevel.Warning:
                        WriteWarning(entry.Message);
                        break;
                    default:
                        WriteDebug(entry.Message);
                        break;
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
