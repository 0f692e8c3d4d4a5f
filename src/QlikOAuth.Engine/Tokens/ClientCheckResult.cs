using QlikOAuth.Engine.Users;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>What trying a client came to: who its token acts as, or why the tenant said no.</summary>
    public sealed class ClientCheckResult
    {
        private ClientCheckResult(string grantType, AccessToken? token, UserReference? user, QlikUser? actsAs, TokenFailureReason? reason, string? explanation, string? note = null)
        {
            Note = note;
            GrantType = grantType;
            Token = token;
            User = user;
            ActsAs = actsAs;
            Reason = reason;
            Explanation = explanation;
        }

        public bool Succeeded => Reason is null;

        public string GrantType { get; }

        public AccessToken? Token { get; }

        /// <summary>The user asked to impersonate, as resolved; null for M2M.</summary>
        public UserReference? User { get; }

        /// <summary>GET /api/v1/users/me with the token: the bot user (qlikbot\clientId) or the impersonated user.</summary>
        public QlikUser? ActsAs { get; }

        public TokenFailureReason? Reason { get; }

        public string? Explanation { get; }

        /// <summary>How the check was made when it was not what the caller named, such as impersonating the session's user when no user was named; else null.</summary>
        public string? Note { get; }

        internal ClientCheckResult WithNote(string note) => new ClientCheckResult(GrantType, Token, User, ActsAs, Reason, Explanation, note);

        internal static ClientCheckResult Passed(string grantType, AccessToken token, UserReference? user, QlikUser actsAs) =>
            new ClientCheckResult(grantType, token, user, actsAs, null, null);

        internal static ClientCheckResult Failed(string grantType, UserReference? user, TokenFailureReason reason, string explanation) =>
            new ClientCheckResult(grantType, null, user, null, reason, explanation);
    }
}
