using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>The error of a batch that stopped because the tenant refused its issuing client or paused its token requests.</summary>
    public static class TokenBatchErrors
    {
        public const string BatchStopped = "TokenBatchStopped";

        /// <summary>
        /// One error for all of a refused client's items: the count first (what the user must run again), then the
        /// refusal in full, which says what to fix. The refusal is the inner exception, so its Reason stays readable.
        /// </summary>
        internal static QlikOAuthException Stopped(QlikOAuthException refusal, int items, int untried)
        {
            string users = items == 1 ? "user" : "users";
            string were = untried == 1 ? "was" : "were";
            string stoppedAt = refusal is QlikTokenException token
                ? $"the tenant's refusal of client '{token.Target}' ({token.Reason})"
                : "the tenant's rate limit";
            return new QlikOAuthException(
                BatchStopped,
                refusal.Kind,
                $"The batch stopped at {stoppedAt}: {untried} of {items} {users} {were} not tried. {refusal.Message} Then run the batch again for the users that got no token.",
                refusal.Target,
                refusal);
        }
    }
}
