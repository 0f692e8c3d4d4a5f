using System;
using System.Net;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// The token endpoint refused: what Qlik said, plus <see cref="Reason"/> and a plain-words <see cref="Explanation"/>.
    /// The error id names the reason ("TokenRefused.ConsentNotTrusted"), so scripts can tell a wrong secret
    /// from an unknown user without reading messages.
    /// </summary>
    public sealed class QlikTokenException : QlikApiException
    {
        public QlikTokenException(string path, HttpStatusCode status, QlikErrorBody error, TimeSpan? retryAfter, string clientId)
            : this(path, status, error, retryAfter, clientId, TokenFailureClassifier.Classify(status, error))
        {
        }

        private QlikTokenException(string path, HttpStatusCode status, QlikErrorBody error, TimeSpan? retryAfter, string clientId, TokenFailureReason reason)
            : base("TokenRefused." + reason, KindOf(reason, status), "POST", path, status, error, retryAfter, clientId)
        {
            Reason = reason;
            Explanation = TokenFailureClassifier.Explain(Reason, clientId);
        }

        public TokenFailureReason Reason { get; }

        /// <summary>What went wrong and what to do, e.g. "the client's consent method is not Trusted: run Set-QlikOAuthConsent".</summary>
        public string Explanation { get; }

        /// <summary>
        /// The explanation, then the status Qlik answered. Qlik's own detail is left out when the reason is known: it
        /// says the same in other words ("the secret is wrong or was deleted"), and saying things twice hides the fix.
        /// </summary>
        public override string Message => Reason == TokenFailureReason.Unknown || Reason == TokenFailureReason.InvalidRequest
            ? base.Message + " " + Explanation
            : $"{Explanation} ({Method} {Path} answered {(int)StatusCode} {Title ?? StatusCode.ToString()}{(Code is null ? string.Empty : $" ({Code})")}{(TraceId is null ? string.Empty : $" [traceId {TraceId}]")}.)";

        private static QlikErrorKind KindOf(TokenFailureReason reason, HttpStatusCode status) => reason switch
        {
            TokenFailureReason.UnknownClient => QlikErrorKind.NotFound,
            TokenFailureReason.UserNotFound => QlikErrorKind.NotFound,
            TokenFailureReason.InvalidClientCredentials => QlikErrorKind.Authentication,
            TokenFailureReason.ClockSkew => QlikErrorKind.Authentication,
            TokenFailureReason.GrantNotAllowed => QlikErrorKind.PermissionDenied,
            TokenFailureReason.ConsentNotTrusted => QlikErrorKind.PermissionDenied,
            TokenFailureReason.ScopeNotAllowed => QlikErrorKind.PermissionDenied,
            TokenFailureReason.UserDisabled => QlikErrorKind.PermissionDenied,
            TokenFailureReason.TokenLimitReached => QlikErrorKind.RateLimited,
            TokenFailureReason.InvalidRequest => QlikErrorKind.InvalidArgument,
            TokenFailureReason.UserAmbiguous => QlikErrorKind.InvalidArgument,
            _ => KindFor(status),
        };
    }
}
