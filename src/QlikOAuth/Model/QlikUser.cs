using System.Collections.Generic;
using System.Linq;
using EngineUser = QlikOAuth.Engine.Users.QlikUser;

namespace QlikOAuth
{
    /// <summary>
    /// A user of the tenant, from Get-QlikUser or New-QlikUser. It binds by property name (UserId, Subject, Email,
    /// Session) to Get-QlikImpersonationToken and Get-QlikOAuthToken, so users can be piped into a token batch.
    /// </summary>
    public sealed class QlikUser
    {
        internal QlikUser(EngineUser user, QlikSession session, bool created = false)
        {
            UserId = user.Id ?? string.Empty;
            Subject = user.Subject;
            Email = user.Email;
            Name = user.Name;
            Status = user.Status;
            Roles = user.Roles?.ToArray() ?? new string[0];
            Created = created;
            Session = new QlikSessionReference(session);
        }

        /// <summary>The tenant's id of the user (24 hex characters).</summary>
        public string UserId { get; }

        public string? Subject { get; }

        public string? Email { get; }

        public string? Name { get; }

        /// <summary>active, invited, disabled, deleted or provisioned.</summary>
        public string? Status { get; }

        public IReadOnlyList<string> Roles { get; }

        /// <summary>New-QlikUser made this user (false: it existed already, or it came from Get-QlikUser).</summary>
        public bool Created { get; }

        public QlikSessionReference Session { get; }

        public override string ToString() => $"{Name ?? Subject} ({UserId})";
    }
}
