using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>Whom an impersonation token acts for: Qlik looks users up by subject or by user id only.</summary>
    public sealed class UserLookup
    {
        private UserLookup(string field, string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new QlikValidationException("MissingUser", $"The user's {field} is empty: name the user to impersonate.");
            }

            Field = field;
            Value = value;
        }

        /// <summary>"subject" or "userId".</summary>
        public string Field { get; }

        public string Value { get; }

        public static UserLookup BySubject(string subject) => new UserLookup("subject", subject);

        public static UserLookup ByUserId(string userId) => new UserLookup("userId", userId);

        /// <summary>A lookup again from the field and value of one made before (already checked).</summary>
        internal static UserLookup Of(string field, string value) => new UserLookup(field, value);

        public override string ToString() => $"{Field} {Value}";
    }
}
