using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Users
{
    /// <summary>
    /// Makes sure a user exists, for one session's admin credential, from any thread. Read first, create only when the
    /// read finds nobody, and never send a create twice: a 409 (someone made the subject meanwhile) and a lost answer
    /// (the create may have happened) are both resolved by reading the user again. Calls for one subject share one
    /// read-then-create, so parallel rows for the same new person make exactly one user.
    /// </summary>
    public sealed class UserDirectory
    {
        private readonly QlikConnection _connection;
        private readonly ITenantCredential _credential;
        private readonly SingleFlight<string, EnsuredUser> _flights = new SingleFlight<string, EnsuredUser>();

        public UserDirectory(QlikConnection connection, ITenantCredential credential)
        {
            _connection = connection;
            _credential = credential;
        }

        /// <summary>The user with <paramref name="user"/>'s subject, created when there is none.</summary>
        /// <param name="byEmail">Look the user up by email rather than subject: the caller knows the person by email only.</param>
        public Task<EnsuredUser> EnsureAsync(NewUser user, bool byEmail, CancellationToken cancellationToken)
        {
            if (byEmail && user.Email is null)
            {
                throw new ArgumentException("A lookup by email needs the user's email.", nameof(byEmail));
            }

            // Subjects are compared exactly, as the tenant does: two spellings are two users.
            return _flights.RunAsync(user.Subject, token => ReadOrCreateAsync(user, byEmail, token), cancellationToken);
        }

        private async Task<EnsuredUser> ReadOrCreateAsync(NewUser user, bool byEmail, CancellationToken cancellationToken)
        {
            QlikUser? existing = await FindAsync(user, byEmail, cancellationToken).ConfigureAwait(false);
            if (existing != null)
            {
                QlikLog.Verbose($"The user {existing.Subject} exists already ({existing.Id}); not created.");
                return new EnsuredUser(Usable(existing), created: false);
            }

            try
            {
                QlikUser created = await UsersApi.CreateAsync(_connection, _credential, user, cancellationToken).ConfigureAwait(false);
                QlikLog.Verbose($"Created the user {created.Subject} ({created.Id}).");
                return new EnsuredUser(created, created: true);
            }
            catch (QlikApiException conflict) when ((int)conflict.StatusCode == 409)
            {
                // Made since the read (another process), or a subject whose user the email lookup did not find.
                QlikUser taken = await FindAsync(user, byEmail: false, cancellationToken).ConfigureAwait(false) ?? throw conflict;
                QlikLog.Verbose($"The user {taken.Subject} was created meanwhile ({taken.Id}); using it.");
                return new EnsuredUser(Usable(taken), created: false);
            }
            catch (QlikOAuthException lost) when (LostAnswer.Is(lost))
            {
                QlikLog.Verbose($"The answer to creating {user.Subject} was lost ({lost.ErrorId}); reading the user instead of sending the create again.");
                QlikUser made = await FindAsync(user, byEmail: false, cancellationToken).ConfigureAwait(false) ?? throw UsersApiErrors.CreateOutcomeUnknown(user, lost);
                return new EnsuredUser(Usable(made), created: true);
            }
        }

        private Task<QlikUser?> FindAsync(NewUser user, bool byEmail, CancellationToken cancellationToken) =>
            byEmail
                ? UsersApi.FindAsync(_connection, _credential, "email", user.Email!, UsersApiErrors.AmbiguousEmail, cancellationToken)
                : UsersApi.FindAsync(_connection, _credential, "subject", user.Subject, UsersApiErrors.AmbiguousSubject, cancellationToken);

        // A disabled or deleted user keeps its subject: it is refused, never worked around with a second user.
        private static QlikUser Usable(QlikUser user) =>
            user.Status == "disabled" || user.Status == "deleted" ? throw UsersApiErrors.NotActive(user) : user;
    }
}
