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
            // A fleet's error wraps the tenant's answer to name the tenant (FleetRun.Naming): its trace id still goes to support.
            if ((exception as QlikApiException ?? exception.InnerException as QlikApiException) is QlikApiException api && api.TraceId != null && IsForSupport(api))
            {
                record.ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = $"Quote traceId {api.TraceId} to Qlik support if the problem persists.",
                };
            }

            return record;
        }

        /// <summary>
        /// The failure of one item of a batch (a user of a CSV), whose record names the item: <paramref name="target"/> is
        /// what the user gave (the piped row), and the message starts with <paramref name="lead"/> ("No token for ..."),
        /// so a batch of hundreds says whom each failure is about.
        /// </summary>
        public static ErrorRecord ForItem(QlikOAuthException failure, object target, string lead) => Led(From(failure), lead, target);

        /// <summary>
        /// <paramref name="record"/> with its message led by <paramref name="lead"/> (who or what it is about), and with
        /// <paramref name="target"/> as its target when given; its id, category and recommended action stay.
        /// </summary>
        public static ErrorRecord Led(ErrorRecord record, string lead, object? target = null) =>
            new ErrorRecord(record.Exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, target ?? record.TargetObject)
            {
                ErrorDetails = new ErrorDetails($"{lead}: {record.ErrorDetails?.Message ?? record.Exception.Message}")
                {
                    RecommendedAction = record.ErrorDetails?.RecommendedAction,
                },
            };

        /// <summary>
        /// A failure the module did not foresee (a defect, or a platform exception no engine code translated): it still
        /// gets the module's id and a category, so scripts never see a System.* id or NotSpecified.
        /// </summary>
        public static ErrorRecord Unexpected(Exception exception, object? target = null)
        {
            var wrapped = new QlikOAuthException(
                UnexpectedErrorId,
                QlikErrorKind.InvalidResponse,
                $"QlikOAuth failed unexpectedly ({exception.GetType().Name}): {exception.Message}",
                target,
                exception);
            return new ErrorRecord(wrapped, UnexpectedErrorId, ErrorCategory.InvalidOperation, target)
            {
                ErrorDetails = new ErrorDetails(wrapped.Message)
                {
                    RecommendedAction = "Run the command again with -Verbose; if it fails the same way, report it to the QlikOAuth maintainers with this message.",
                },
            };
        }

        /// <summary>The id of <see cref="Unexpected"/>.</summary>
        public const string UnexpectedErrorId = "UnexpectedError";

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
            _ => ErrorCategory.InvalidOperation,
        };

        // Support can only help with the tenant's own failures: a 5xx or a status the module does not expect. A wrong
        // secret (401), a missing client (404) or bad input (400) is the user's to fix, and the message says how.
        private static bool IsForSupport(QlikApiException api)
        {
            int status = (int)api.StatusCode;
            return status >= 500 || !(status == 400 || status == 401 || status == 403 || status == 404 || status == 409 || status == 429);
        }

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
