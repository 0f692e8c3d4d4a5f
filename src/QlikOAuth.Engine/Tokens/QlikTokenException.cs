using System;
using System.Net;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>The token endpoint refused: what Qlik said, plus <see cref="Reason"/> and a plain-words <see cref="Explanation"/>.</summary>
    public sealed class QlikTokenException : QlikApiException
    {
        public QlikTokenException(string path, HttpStatusCode status, QlikErrorBody error, TimeSpan? retryAfter, string clientId)
            : base("POST", path, status, error, retryAfter, clientId)
        {
            Reason = TokenFailureClassifier.Classify(status, error);
            Explanation = TokenFailureClassifier.Explain(Reason, clientId);
        }

        public TokenFailureReason Reason { get; }

        /// <summary>What went wrong and what to do, e.g. "the client's consent method is not Trusted: run Set-QlikOAuthConsent".</summary>
        public string Explanation { get; }

        public override string Message => base.Message + " " + Explanation;
    }
}
