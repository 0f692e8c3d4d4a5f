using System;

namespace QlikOAuth.Engine.Errors
{
    /// <summary>
    /// Base of every failure the engine reports on purpose. <see cref="ErrorId"/> is stable (scripts and
    /// tests match on it) and the message says what was wrong and what to do. Messages never hold a
    /// secret, token, API key or client assertion.
    /// </summary>
    public class QlikOAuthException : Exception
    {
        public QlikOAuthException(string errorId, QlikErrorKind kind, string message, object? target = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        /// <summary>Stable identifier, e.g. "InvalidPublicKey" or "QlikApi.NotFound".</summary>
        public string ErrorId { get; }

        public QlikErrorKind Kind { get; }

        /// <summary>What the failure is about (a client id, a user, a path), never a secret.</summary>
        public object? Target { get; }
    }
}
