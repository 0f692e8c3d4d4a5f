using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Creates tenant users, and is safe to run again: a subject that exists already gives back that user (Verbose
    /// says so), never a second user or an error. Rows from the pipeline (Import-Csv users.csv | New-QlikUser) are
    /// created up to -ThrottleLimit at a time, in chunks whose results are written in input order, one per row; a 429
    /// pauses them all until Retry-After. A create is never sent twice: a lost answer is resolved by reading the user.
    /// Disabled and deleted users are refused, not made again.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "QlikUser", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikUser))]
    public sealed class NewQlikUserCommand : QlikSessionCmdlet
    {
        private const int ChunkSize = 100;
        private readonly List<(NewUser User, QlikSession Session)> _pending = new List<(NewUser, QlikSession)>();

        // The sessions whose sign-in was refused, across the chunks: a refusal stops that session's rows, never another's.
        private readonly ClientRefusals _refusals = new ClientRefusals();

        /// <summary>The identity provider's name for the user, such as auth0|alice: unique on the tenant.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString] // an empty CSV cell gets the module's MissingSubject error, not the binder's
        public string Subject { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Email { get; set; } = null!;

        /// <summary>The name Qlik shows; default: the email.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        /// <summary>Roles to assign by name, such as Developer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Role { get; set; }

        /// <summary>How many creates run at once (default 4). More does not beat the tenant's rate limit (100 writes a minute).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = TokenBatch.DefaultThrottleLimit;

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            if (!TryEngine(() => NewUser.Create(Subject, Email, Name, Role), (object)Subject ?? Email, out NewUser user))
            {
                return;
            }

            if (user.Email is null)
            {
                // Qlik needs the email to invite the user, and a script that lost its email column should hear about it.
                WriteError(ErrorRecords.Create(UsersApiErrors.InvalidEmail, ErrorCategory.InvalidArgument, $"The user {user.Subject} has no email: give -Email (a CSV needs an Email column).", user.Subject));
                return;
            }

            if (!ShouldProcess($"{user} on {session.TenantUrl}", "Create the user unless the subject exists"))
            {
                return;
            }

            _pending.Add((user, session));
            if (_pending.Count >= ChunkSize)
            {
                CreatePending();
            }
        }

        protected override void EndProcessing() => CreatePending();

        private void CreatePending()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var chunk = _pending.ToList();
            _pending.Clear();
            TryEngine(
                () => RunEngine(token => TokenBatch.RunAsync(
                    chunk, ThrottleLimit, row => row.Session, _refusals, (row, rowToken) => row.Session.Engine.Users.EnsureAsync(row.User, byEmail: false, rowToken), token)),
                null,
                out IReadOnlyList<BatchOutcome<EnsuredUser>> outcomes,
                OnFailure.Stop);
            for (int i = 0; i < chunk.Count; i++)
            {
                if (outcomes[i].Succeeded)
                {
                    WriteObject(new QlikUser(outcomes[i].Result!.User, chunk[i].Session, outcomes[i].Result!.Created));
                }
                else
                {
                    WriteError(ErrorRecords.ForItem(outcomes[i].Failure!, chunk[i].User.Subject, $"User {chunk[i].User.Subject} not created"));
                }
            }
        }
    }
}
