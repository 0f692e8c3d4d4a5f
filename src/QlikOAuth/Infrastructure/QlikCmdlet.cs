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

        /// <summary>Cmdlet.WriteVerbose, except that -Debug never makes it ask "Continue?" (see <see cref="DebugSwitch"/>).</summary>
        protected new void WriteVerbose(string text) => DebugSwitch.WriteVerbose(this, text);

        /// <summary>Cmdlet.WriteDebug, except that -Debug never makes it ask "Continue?".</summary>
        protected new void WriteDebug(string text) => DebugSwitch.WriteDebug(this, text);

        /// <summary>Cmdlet.WriteWarning, except that -Debug never makes it ask "Continue?".</summary>
        protected new void WriteWarning(string text) => DebugSwitch.WriteWarning(this, text);

        /// <summary>Cmdlet.ShouldProcess, except that -Debug alone never makes it ask "Are you sure?".</summary>
        protected new bool ShouldProcess(string target, string action) => DebugSwitch.ShouldProcess(this, target, action);

        /// <summary>
        /// Whether this call is a dry run (-WhatIf, or $WhatIfPreference). A declined ShouldProcess then means "preview"
        /// rather than "the user said no": cmdlets that start a chain emit what they would make, so the next step of
        /// the pipeline can preview itself too.
        /// </summary>
        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
                ? ((SwitchParameter)value).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>
        /// The one way engine work reaches the user: runs <paramref name="work"/> and turns any failure into an
        /// ErrorRecord with the module's id, category, target and recommended action (see <see cref="ErrorRecords"/>).
        /// <paramref name="failure"/> is the cmdlet's contract: Continue writes the error and returns false, so the
        /// pipeline goes on with the next item (honouring -ErrorAction); Stop ends the whole call.
        /// </summary>
        protected bool TryEngine<T>(Func<T> work, object? target, out T result, OnFailure failure = OnFailure.Continue)
        {
            ErrorRecord? record = CaptureEngine(work, target, out result);
            if (record is null)
            {
                return true;
            }

            if (failure == OnFailure.Stop)
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return false;
        }

        /// <summary>
        /// The core of <see cref="TryEngine{T}(Func{T}, object?, out T, OnFailure)"/>: the failure comes back as the
        /// ErrorRecord instead of being written, for the cmdlet that must emit something first (a secret shown once).
        /// </summary>
        protected ErrorRecord? CaptureEngine<T>(Func<T> work, object? target, out T result)
        {
            result = default!;
            try
            {
                result = work();
                return null;
            }
            catch (Exception exception) when (exception is PipelineStoppedException || exception is ActionPreferenceStopException)
            {
                throw; // Ctrl+C, a terminating error already reported, or -ErrorAction Stop on an error already written.
            }
            catch (QlikOAuthException exception)
            {
                return ErrorRecords.From(exception, target);
            }
            catch (Exception exception)
            {
                return ErrorRecords.Unexpected(exception, target);
            }
        }

        /// <inheritdoc cref="TryEngine{T}(Func{T}, object?, out T, OnFailure)"/>
        protected bool TryEngine(Action work, object? target, OnFailure failure = OnFailure.Continue) =>
            TryEngine(() =>
            {
                work();
                return true;
            }, target, out _, failure);
    }

    /// <summary>What a failed step means for the cmdlet call: go on with the next pipeline item, or end the call.</summary>
    public enum OnFailure
    {
        Continue,
        Stop,
    }
}
