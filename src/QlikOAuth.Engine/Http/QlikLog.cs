using System;
using System.Threading;

namespace QlikOAuth.Engine.Http
{
    public enum QlikLogLevel
    {
        Verbose,
        Debug,
    }

    /// <summary>
    /// The engine's log hook. A caller (a cmdlet) opens a scope with a writer; every engine call made inside
    /// it, including work on other threads started from it, reports there. The cmdlets queue what they get
    /// and write it to Verbose/Debug from the pipeline thread.
    /// Nothing logged here may carry a secret, token, Authorization header, client assertion or body.
    /// </summary>
    public static class QlikLog
    {
        private static readonly AsyncLocal<Action<QlikLogLevel, string>?> CurrentWriter = new AsyncLocal<Action<QlikLogLevel, string>?>();

        /// <param name="writer">Null: nobody listens in this scope, so no message is built (see <see cref="IsListening"/>).</param>
        public static IDisposable BeginScope(Action<QlikLogLevel, string>? writer)
        {
            Action<QlikLogLevel, string>? previous = CurrentWriter.Value;
            CurrentWriter.Value = writer;
            return new Scope(previous);
        }

        /// <summary>True when a caller listens: hot paths test it before building a message nobody would read.</summary>
        public static bool IsListening => CurrentWriter.Value != null;

        public static void Verbose(string message) => CurrentWriter.Value?.Invoke(QlikLogLevel.Verbose, message);

        public static void Debug(string message) => CurrentWriter.Value?.Invoke(QlikLogLevel.Debug, message);

        private sealed class Scope : IDisposable
        {
            private readonly Action<QlikLogLevel, string>? _previous;

            public Scope(Action<QlikLogLevel, string>? previous) => _previous = previous;

            public void Dispose() => CurrentWriter.Value = _previous;
        }
    }
}
