using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Users
{
    /// <summary>Error ids of user lookups and creation, which callers tell apart from other failures, and the errors themselves.</summary>
    public static class UsersApiErrors
    {
        public const string UserNotFoundByEmail = "UserNotFoundByEmail";
        public const string AmbiguousEmail = "AmbiguousEmail";
        public const string UserNotFoundBySubject = "UserNotFoundBySubject";
        public const string AmbiguousSubject = "AmbiguousSubject";
        public const string UserNotFoundById = "UserNotFoundById";
        public const string InvalidEmail = "InvalidEmail";
        public const string MissingSubject = "MissingSubject";
        public const string UserDisabled = "UserDisabled";
        public const string UserDeleted = "UserDeleted";
        public const string UserCreateOutcomeUnknown = "UserCreateOutcomeUnknown";

        /// <summary>No user has the value; <paramref name="errorId"/> is one of the not-found ids above.</summary>
        internal static QlikOAuthException NoUser(string errorId, string attribute, string value) =>
            new QlikOAuthException(errorId, QlikErrorKind.NotFound, $"No user on the tenant has the {attribute} '{value}'.", value);

        /// <summary>Several users have the value; <paramref name="errorId"/> is one of the ambiguous ids above.</summary>
        internal static QlikOAuthException SeveralUsers(string errorId, string attribute, string value) =>
            new QlikOAuthException(errorId, QlikErrorKind.InvalidArgument, $"Several users on the tenant have the {attribute} '{value}': name the user by -UserId or -Subject instead.", value);

        /// <summary>
        /// The user exists but may not be used: disabled or deleted. Creating another with the subject would fail (the
        /// subject stays taken) and would bypass whoever disabled the user, so it is never attempted.
        /// </summary>
        internal static QlikOAuthException NotActive(QlikUser user) =>
            user.Status == "deleted" ? NotActive(UserDeleted, user) : NotActive(UserDisabled, user);

        private static QlikOAuthException NotActive(string errorId, QlikUser user) =>
            new QlikOAuthException(
                errorId,
                QlikErrorKind.PermissionDenied,
                $"The user {user.Subject} ({user.Id}) is {user.Status} on the tenant, so it is not used and no other user is made for it. A tenant admin can enable it in the Management Console (Users).",
                user.Subject);

        /// <summary>A create whose answer was lost and a read after it that found no user: whether it exists is not known yet.</summary>
        internal static QlikOAuthException CreateOutcomeUnknown(NewUser user, QlikOAuthException lost) =>
            new QlikOAuthException(
                UserCreateOutcomeUnknown,
                lost.Kind,
                $"The user {user.Subject} may have been created, but the tenant's answer was lost ({lost.Message}) and reading it back found no user yet. It was not sent again. Run the same command again: it reads the user first and creates it only if it is still missing.",
                user.Subject,
                lost);
    }
}
