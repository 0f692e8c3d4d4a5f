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
    /// Base of every cmdlet: runs engine calls while relaying the engine's log to Verbose/Debug/Warning from the
    /// pipeline thread, and cancels them on Ctrl+C (StopProcessing).
    /// </summary>
    public abstract class QlikCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly Action<QlikLogLevel, string> _logWriter;

        // Made by the first message: most calls log nothing (no -Verbose), and the queue's first block is about 1 KB.
        private ConcurrentQueue<(QlikLogLevel Level, string Message)>? _log;

        // Output and progress the engine's workers hand over (see OnPipelineThread); made by the first one.
        private ConcurrentQueue<Action>? _posted;

        // Set when a log entry arrives or the engine's task completes: the pipeline thread sleeps on it
        // and never polls. Made on the first such wait only: work the engine finishes at once (a cache hit) never needs it.
        private ManualResetEventSlim? _wake;
        private bool? _someoneListens;

        protected QlikCmdlet() => _logWriter = (level, message) =>
        {
            ConcurrentQueue<(QlikLogLevel, string)> log = Volatile.Read(ref _log)
                ?? Interlocked.CompareExchange(ref _log, new ConcurrentQueue<(QlikLogLevel, string)>(), null)
                ?? _log!;
            log.Enqueue((level, message));
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
                using (QlikLog.BeginScope(_logWriter, detailed: SomeoneListens))
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
        /// the engine builds no such message and wakes the pipeline thread only for a warning.
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
            // Spins briefly (yielding) before it sleeps, as Task.Wait does: an answer on a near network often comes within
            // the spin, and waking a sleeping thread cost the pipeline more time and CPU than the spin did, even with
            // other work on the cores (README, Performance).
            ManualResetEventSlim wake = _wake ??= new ManualResetEventSlim(false);
            // The Set itself as the task's continuation: run by the thread that completes the task, no task of its own.
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(wake.Set);
            while (!task.IsCompleted)
            {
                wake.Wait();
                wake.Reset();
                FlushLog();
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/> on the pipeline thread, at the next wake of <see cref="RunEngine{T}"/>: how work
        /// on the engine's threads writes output or progress while it goes on (WriteObject, WriteError, WriteProgress
        /// may be called from the pipeline thread only). Call it from inside engine work given to RunEngine.
        /// </summary>
        protected void OnPipelineThread(Action action)
        {
            ConcurrentQueue<Action> posted = Volatile.Read(ref _posted)
                ?? Interlocked.CompareExchange(ref _posted, new ConcurrentQueue<Action>(), null)
                ?? _posted!;
            posted.Enqueue(action);
            Volatile.Read(ref _wake)?.Set();
        }

        /// <summary>Writes the engine log gathered so far, and runs what workers handed over; call only from the pipeline thread.</summary>
        protected void FlushLog()
        {
            ConcurrentQueue<(QlikLogLevel Level, string Message)>? log = Volatile.Read(ref _log);
            while (log != null && log.TryDequeue(out var entry))
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

            ConcurrentQueue<Action>? posted = Volatile.Read(ref _posted);
            while (posted != null && posted.TryDequeue(out Action? action))
            {
                action();
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
                return Described(ErrorRecords.From(exception, target));
            }
            catch (Exception exception)
            {
                return Described(ErrorRecords.Unexpected(exception, target));
            }
        }

        /// <summary>An engine failure's record as this cmdlet reports it; a cmdlet over several tenants names the tenant.</summary>
        private protected virtual ErrorRecord Described(ErrorRecord record) => record;

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
