using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>What one item of a batch came to: a result, or the failure that belongs to this item alone.</summary>
    public sealed class BatchOutcome<T>
    {
        private BatchOutcome(T? result, QlikOAuthException? failure)
        {
            Result = result;
            Failure = failure;
        }

        public T? Result { get; }

        public QlikOAuthException? Failure { get; }

        public bool Succeeded => Failure is null;

        public static BatchOutcome<T> Success(T result) => new BatchOutcome<T>(result, null);

        public static BatchOutcome<T> Failed(QlikOAuthException failure) => new BatchOutcome<T>(default, failure);
    }
}
