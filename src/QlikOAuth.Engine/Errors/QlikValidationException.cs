namespace QlikOAuth.Engine.Errors
{
    /// <summary>Input refused locally, before any request reached the tenant.</summary>
    public sealed class QlikValidationException : QlikOAuthException
    {
        public QlikValidationException(string errorId, string message, object? target = null)
            : base(errorId, QlikErrorKind.InvalidArgument, message, target)
        {
        }
    }
}
