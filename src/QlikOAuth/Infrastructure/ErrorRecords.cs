using System;
using System.Management.Automation;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Infrastructure
{
    /// <summary>Turns engine failures into ErrorRecords with a stable id, a fitting category and the target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(QlikOAuthException exception, object? target = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), exception.Target ?? target);
            if (exception is QlikApiException api && api.TraceId != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = $"Quote traceId {api.TraceId} to Qlik support if the problem persists.",
                };
            }

            return record;
        }

        public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target = null, Exception? inner = null) =>
            new ErrorRecord(new QlikOAuthException(errorId, KindOf(category), message, target, inner), errorId, category, target);

        public static ErrorCategory CategoryOf(QlikErrorKind kind) => kind switch
        {
            QlikErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            QlikErrorKind.Authentication => ErrorCategory.AuthenticationError,
            QlikErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            QlikErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            QlikErrorKind.Conflict => ErrorCategory.ResourceExists,
            QlikErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
            QlikErrorKind.ServiceUnavailable => ErrorCategory.ResourceUnavailable,
            QlikErrorKind.Timeout => ErrorCategory.OperationTimeout,
            QlikErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
            QlikErrorKind.InvalidData => ErrorCategory.InvalidData,
            _ => ErrorCategory.NotSpecified,
        };

        private static QlikErrorKind KindOf(ErrorCategory category) => category switch
        {
            ErrorCategory.InvalidArgument => QlikErrorKind.InvalidArgument,
            ErrorCategory.ObjectNotFound => QlikErrorKind.NotFound,
            ErrorCategory.ResourceExists => QlikErrorKind.Conflict,
            ErrorCategory.InvalidData => QlikErrorKind.InvalidData,
            _ => QlikErrorKind.InvalidArgument,
        };
    }
}
