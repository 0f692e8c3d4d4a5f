using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Users
{
    /// <summary>Error ids of user lookups, which callers tell apart from other failures, and the errors themselves.</summary>
    public static class UsersApiErrors
    {
        public const string UserNotFoundByEmail = "UserNotFoundByEmail";
        public const string AmbiguousEmail = "AmbiguousEmail";
        public const string UserNotFoundBySubject = "UserNotFoundBySubject";
        public const string AmbiguousSubject = "AmbiguousSubject";

        /// <summary>No user has the value; <paramref name="errorId"/> is one of the not-found ids above.</summary>
        internal static QlikOAuthException NoUser(string errorId, string attribute, string value) =>
            new QlikOAuthException(errorId, QlikErrorKind.NotFound, $"No user on the tenant has the {attribute} '{value}'.", value);

        /// <summary>Several users have the value; <paramref name="errorId"/> is one of the ambiguous ids above.</summary>
        internal static QlikOAuthException SeveralUsers(string errorId, string attribute, string value) =>
            new QlikOAuthException(errorId, QlikErrorKind.InvalidArgument, $"Several users on the tenant have the {attribute} '{value}': name the user by -UserId or -Subject instead.", value);
    }
}
