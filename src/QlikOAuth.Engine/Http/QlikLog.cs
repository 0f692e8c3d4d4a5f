using System;
using System.Threading;

namespace QlikOAuth.Engine.Http
{
    public enum QlikLogLevel
    {
        Verbose,
        Debug,
        /// <summary>Something the user should see without -Verbose, such as a long wait.</summary>
        Warning,
    }

    /// <summary>
    /// The engine's log hook. A caller (a cmdlet) opens a scope with a writer; every engine call made inside
    /// it, including work on other threads started from it, reports there. The cmdlets queue what they get
    /// and write it to Verbose/Debug/Warning from the pipeline thread.
    /// Nothing logged here may carry a secret, token, Authorization header, client assertion or body.
    /// </summary>
    public static class QlikLog
    {
        private static readonly AsyncLocal<Listener?> Current = new AsyncLocal<Listener?>();

        /// <param name="writer">Where this scope's messages go.</param>
        /// <param name="detailed">
        /// Whether Verbose and Debug messages are wanted. When not, only warnings reach the writer, and hot paths build
        /// no message (see <see cref="IsListening"/>): a warning is for the user whether or not they asked for detail.
        /// </param>
        public static IDisposable BeginScope(Action<QlikLogLevel, string> writer, bool detailed = true)
        {
            Listener? previous = Current.Value;
            Current.Value = new Listener(writer, detailed);
            return new Scope(previous);
        }

        /// <summary>True when Verbose or Debug messages are wanted: hot paths test it before building a message nobody would read.</summary>
        public static bool IsListening => Current.Value?.Detailed == true;

        public static void Verbose(string message) => Write(QlikLogLevel.Verbose, message);

        public static void Debug(string message) => Write(QlikLogLevel.Debug, message);

        /// <summary>Something the user should see without -Verbose, such as a long wait or a key file others can read.</summary>
        public static void Warning(string message) => Current.Value?.Writer(QlikLogLevel.Warning, message);

        private static void Write(QlikLogLevel level, string message)
        {
            Listener? listener = Current.Value;
            if (listener is { Detailed: true })
            {
                listener.Writer(level, message);
            }
        }

        private sealed class Listener
        {
            public Listener(Action<QlikLogLevel, string> writer, bool detailed)
            {
                Writer = writer;
                Detailed = detailed;
            }

            public Action<QlikLogLevel, string> Writer { get; }

            public bool Detailed { get; }
        }

        private sealed class Scope : IDisposable
        {
            private readonly Listener? _previous;

            public Scope(Listener? previous) => _previous = previous;

            public void Dispose() => Current.Value = _previous;
        }
    }
}
