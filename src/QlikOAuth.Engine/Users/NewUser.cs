using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Users
{
    /// <summary>A user to create, checked before any request: a subject, a well-formed email, a name, and roles by name.</summary>
    public sealed class NewUser
    {
        private NewUser(string subject, string? email, string name, IReadOnlyList<string> roles)
        {
            Subject = subject;
            Email = email;
            Name = name;
            Roles = roles;
        }

        /// <summary>Unique on the tenant: the identity provider's name for the user, such as auth0|alice.</summary>
        public string Subject { get; }

        public string? Email { get; }

        public string Name { get; }

        public IReadOnlyList<string> Roles { get; }

        /// <param name="name">Blank: the email, else the subject (the name Qlik shows must not be empty).</param>
        public static NewUser Create(string? subject, string? email, string? name, IEnumerable<string>? roles)
        {
            if (string.IsNullOrWhiteSpace(subject))
            {
                throw new QlikValidationException(UsersApiErrors.MissingSubject, "The user's subject is empty: give the subject the identity provider knows the user by, such as auth0|alice.");
            }

            string? mail = string.IsNullOrWhiteSpace(email) ? null : email!.Trim();
            if (mail != null && !IsEmail(mail))
            {
                throw new QlikValidationException(UsersApiErrors.InvalidEmail, $"'{mail}' is not an email address: give one like alice@example.com.", mail);
            }

            string cleanSubject = subject!.Trim();
            string shownName = string.IsNullOrWhiteSpace(name) ? mail ?? cleanSubject : name!.Trim();
            return new NewUser(cleanSubject, mail, shownName, roles?.Where(role => !string.IsNullOrWhiteSpace(role)).Select(role => role.Trim()).ToList() ?? new List<string>());
        }

        /// <summary>One @ between a non-empty local part and a dotted domain, no spaces or quotes: enough to catch a wrong CSV column.</summary>
        public static bool IsEmail(string text)
        {
            int at = text.IndexOf('@');
            string domain = at < 0 ? string.Empty : text.Substring(at + 1);
            return at > 0 && at == text.LastIndexOf('@') && domain.IndexOf('.') > 0 && !domain.EndsWith(".", StringComparison.Ordinal)
                && !text.Any(c => char.IsWhiteSpace(c) || c == '"' || c == '<' || c == '>' || c == ',');
        }

        public override string ToString() => Email is null ? Subject : $"{Subject} ({Email})";
    }
}
