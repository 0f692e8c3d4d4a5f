namespace QlikOAuth.Engine.Users
{
    /// <summary>Error ids of email lookups, which callers tell apart from other failures.</summary>
    public static class UsersApiErrors
    {
        public const string UserNotFoundByEmail = "UserNotFoundByEmail";
        public const string AmbiguousEmail = "AmbiguousEmail";
        public const string UserNotFoundBySubject = "UserNotFoundBySubject";
        public const string AmbiguousSubject = "AmbiguousSubject";
    }
}
