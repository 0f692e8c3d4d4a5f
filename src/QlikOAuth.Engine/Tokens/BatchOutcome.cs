using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// What one item of a batch came to: a result; a failure that belongs to this item alone; or its issuing client's
    /// refusal, which the batch reports once for the client (<see cref="ClientRefusals"/>) rather than per item.
    /// </summary>
    public sealed class BatchOutcome<T>
    {
        private BatchOutcome(T? result, QlikOAuthException? failure, bool clientRefused, bool notTried)
        {
            Result = result;
            Failure = failure;
            ClientRefused = clientRefused;
            NotTried = notTried;
        }

        public T? Result { get; }

        /// <summary>The item's own failure, or its client's refusal when <see cref="ClientRefused"/>.</summary>
        public QlikOAuthException? Failure { get; }

        public bool Succeeded => Failure is null;

        /// <summary>The tenant refused the issuing client (a wrong secret, say), not this item: every item of the client fails alike.</summary>
        public bool ClientRefused { get; }

        /// <summary>Never sent: its client had already been refused. Implies <see cref="ClientRefused"/>.</summary>
        public bool NotTried { get; }

        public static BatchOutcome<T> Success(T result) => new BatchOutcome<T>(result, null, false, false);

        public static BatchOutcome<T> Failed(QlikOAuthException failure) => new BatchOutcome<T>(default, failure, false, false);

        internal static BatchOutcome<T> Refused(QlikOAuthException refusal, bool tried) => new BatchOutcome<T>(default, refusal, true, !tried);
    }
}
