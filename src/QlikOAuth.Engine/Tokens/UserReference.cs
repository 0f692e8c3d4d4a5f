namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// A user to impersonate as the caller named them: by user id, subject and/or email. When several are given
    /// (an Import-Csv row with all three columns) the most exact wins: the id, then the subject, then the email,
    /// which Qlik cannot look up itself and the module resolves to an id first.
    /// </summary>
    public sealed class UserReference
    {
        private UserReference(string? userId, string? subject, string? email)
        {
            UserId = userId;
            Subject = subject;
            Email = email;
        }

        public string? UserId { get; }

        public string? Subject { get; }

        public string? Email { get; }

        /// <summary>True when Qlik can look the user up as it is (an id or a subject); false when only an email is known.</summary>
        public bool IsResolved => UserId != null || Subject != null;

        /// <summary>What the token request names: the id, else the subject; null when only an email is known.</summary>
        public UserLookup? Lookup => UserId != null ? UserLookup.ByUserId(UserId) : Subject != null ? UserLookup.BySubject(Subject) : null;

        /// <summary>Blank values count as absent (empty CSV cells); null when nothing names a user.</summary>
        public static UserReference? From(string? userId, string? subject, string? email)
        {
            string? id = Clean(userId), sub = Clean(subject), mail = Clean(email);
            return id is null && sub is null && mail is null ? null : new UserReference(id, sub, mail);
        }

        /// <summary>This user with what an email lookup found: its id (used for the token) and subject.</summary>
        public UserReference WithFound(string? userId, string? subject) => new UserReference(Clean(userId), Clean(subject) ?? Subject, Email);

        public override string ToString() =>
            UserId != null ? $"user id {UserId}" : Subject != null ? $"subject {Subject}" : $"email {Email}";

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
