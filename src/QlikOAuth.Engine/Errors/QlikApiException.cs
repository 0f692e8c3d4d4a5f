using System;
using System.Net;

namespace QlikOAuth.Engine.Errors
{
    /// <summary>
    /// The tenant answered with an error. Carries what Qlik said (errors[0].code/title/detail and the
    /// traceId) so a user can quote it to Qlik support, and never the request body or headers.
    /// </summary>
    public class QlikApiException : QlikOAuthException
    {
        public QlikApiException(
            string method, string path, HttpStatusCode status, QlikErrorBody error, TimeSpan? retryAfter = null, object? target = null)
            : this(ErrorIdFor(status), KindFor(status), method, path, status, error, retryAfter, target)
        {
        }

        /// <summary>For subclasses that know more about the failure than its status tells.</summary>
        protected QlikApiException(
            string errorId, QlikErrorKind kind, string method, string path, HttpStatusCode status, QlikErrorBody error, TimeSpan? retryAfter, object? target)
            : base(errorId, kind, Describe(method, path, status, error), target ?? path)
        {
            Method = method;
            Path = path;
            StatusCode = status;
            Code = error.Code;
            Title = error.Title;
            Detail = error.Detail;
            TraceId = error.TraceId;
            RetryAfter = retryAfter;
        }

        public string Method { get; }
        public string Path { get; }
        public HttpStatusCode StatusCode { get; }
        public string? Code { get; }
        public string? Title { get; }
        public string? Detail { get; }
        public string? TraceId { get; }
        public TimeSpan? RetryAfter { get; }

        internal static string ErrorIdFor(HttpStatusCode status)
        {
            int code = (int)status;
            return code switch
            {
                400 => "QlikApi.BadRequest",
                401 => "QlikApi.Unauthorized",
                403 => "QlikApi.Forbidden",
                404 => "QlikApi.NotFound",
                409 => "QlikApi.Conflict",
                429 => "QlikApi.RateLimited",
                _ when code >= 500 => "QlikApi.ServiceUnavailable",
                _ => "QlikApi.Status" + code,
            };
        }

        internal static QlikErrorKind KindFor(HttpStatusCode status)
        {
            int code = (int)status;
            return code switch
            {
                401 => QlikErrorKind.Authentication,
                403 => QlikErrorKind.PermissionDenied,
                404 => QlikErrorKind.NotFound,
                409 => QlikErrorKind.Conflict,
                429 => QlikErrorKind.RateLimited,
                408 => QlikErrorKind.Timeout,
                _ when code >= 500 => QlikErrorKind.ServiceUnavailable,
                _ => QlikErrorKind.InvalidArgument,
            };
        }

        private static string Describe(string method, string path, HttpStatusCode status, QlikErrorBody error)
        {
            string what = error.Title ?? status.ToString();
            string code = error.Code is null ? string.Empty : $" ({error.Code})";
            string detail = string.IsNullOrEmpty(error.Detail) ? string.Empty : $": {error.Detail}";
            string trace = error.TraceId is null ? string.Empty : $" [traceId {error.TraceId}]";
            return $"{method} {path} failed with {(int)status} {what}{code}{detail}.{trace}";
        }
    }
}
