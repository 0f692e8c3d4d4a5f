using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Impersonation tokens (urn:qlik:oauth:user-impersonation), one per user. Users come by -UserId, -Subject or
    /// -Email, from arguments or the pipeline: plain strings are subjects (what a backend knows of its signed-in
    /// user), objects bind their UserId/Subject/Email properties (Import-Csv rows, users from
    /// Invoke-QlikRestMethod /api/v1/users -All). An object naming a user several ways uses the id, then the
    /// subject, then the email.
    /// Input is issued in chunks: a chunk's users get their tokens concurrently (up to -ThrottleLimit), then
    /// their results are written in input order while the next input is read. Chunks keep memory flat and
    /// output flowing for a long Import-Csv, and let the pipeline thread write results and progress, which
    /// PowerShell allows from no other thread. A 429 pauses every request of the batch until Retry-After.
    /// A refusal of the issuing client (a wrong secret, say) would repeat for every user, so the client's requests in
    /// flight finish, no more are sent, and one error at the end says why and how many users were not tried; the
    /// rest of the input is still read, to count them. A refusal about one user stays that user's error.
    /// -CreateMissingUser makes a user the tenant does not have yet (an embedded app's first visit) before its token;
    /// parallel rows for one new person make one user.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikImpersonationToken")]
    [OutputType(typeof(QlikAccessToken))]
    public sealed class GetQlikImpersonationTokenCommand : IssuingClientCmdlet
    {
        private const int ProgressId = 4;
        private readonly List<PendingUser> _pending = new List<PendingUser>();
        private readonly ClientRefusals _refusals = new ClientRefusals(rateLimitStops: true);
        private readonly List<(object Client, QlikOAuthException Refusal, PendingUser Pending)> _refusedUsers = new List<(object, QlikOAuthException, PendingUser)>();
        private int _done;
        private int _issued;
        private int _failed;
        private int _notTried;
        private int _total;
        private bool _progressShown;

        /// <summary>A user per pipeline string (a subject); objects are read by their UserId/Subject/Email properties.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public object? InputObject { get; set; }

        /// <summary>Qlik user ids (24 hex characters). Also binds an "id" property, as the users API names it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public string[]? UserId { get; set; }

        /// <summary>Subjects as the identity provider names the users, such as auth0|alice.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UserSubjectCompleter))]
        public string[]? Subject { get; set; }

        /// <summary>Emails: each is looked up with the session's admin rights and must match exactly one user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public string[]? Email { get; set; }

        /// <summary>How many token requests run at once (default 4). More does not beat the tenant's rate limit.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = TokenBatch.DefaultThrottleLimit;

        /// <summary>
        /// Create a user the tenant does not have (looked up by subject, else by email): subject -Subject, else the email;
        /// name -Name, else the email. Needs a session (its admin creates the user). Disabled users are refused.
        /// </summary>
        [Parameter]
        public SwitchParameter CreateMissingUser { get; set; }

        /// <summary>The name of a user that -CreateMissingUser creates; default: the email.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        /// <summary>Emit each token as a plain string instead of a SecureString.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        private int ChunkSize => Math.Max(100, ThrottleLimit * 25);

        protected override void ProcessRecord()
        {
            TokenIssuer issuer = ResolveIssuer();
            if (CreateMissingUser && IssuingSession is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "CreateMissingUserNeedsSession",
                    ErrorCategory.InvalidArgument,
                    "-CreateMissingUser creates users with the session's admin rights: connect with Connect-QlikTenant and leave out -TenantUrl."));
            }

            IReadOnlyList<UserReference>? users = UsersOfRecord(out ErrorRecord? problem);
            if (problem != null)
            {
                // Earlier users' results go first, so output and errors stay in input order.
                IssuePending();
                _failed++;
                WriteError(problem);
                return;
            }

            if (!MyInvocation.ExpectingInput)
            {
                _total += users!.Count;
            }

            foreach (UserReference user in users!)
            {
                // A failure's target is what the user gave: the piped row (a CSV line), else the user as typed.
                object row = users.Count == 1 && InputObject != null ? Unwrapped(InputObject) : user.ToString();
                _pending.Add(new PendingUser(user, issuer, row, Name, CreateMissingUser ? IssuingSession!.Engine.Users : null));
                if (_pending.Count >= ChunkSize)
                {
                    IssuePending();
                }
            }
        }

        protected override void EndProcessing()
        {
            IssuePending();
            WriteRefusals();
            if (_progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressId, "Issuing impersonation tokens", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private void IssuePending()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            List<PendingUser> chunk = _pending.ToList();
            _pending.Clear();
            TryEngine(
                () => RunEngine(cancellationToken => TokenBatch.RunAsync(
                    chunk, ThrottleLimit, pending => pending.Issuer.ClientKey, _refusals, Issue, cancellationToken)),
                null,
                out IReadOnlyList<BatchOutcome<IssuedToken>> outcomes,
                OnFailure.Stop);

            for (int i = 0; i < chunk.Count; i++)
            {
                BatchOutcome<IssuedToken> outcome = outcomes[i];
                if (outcome.Succeeded)
                {
                    _issued++;
                    WriteObject(ToOutput(outcome.Result!.Token, outcome.Result.User, AsPlainText, chunk[i].Issuer, outcome.Result.UserCreated));
                }
                else if (outcome.NotTried)
                {
                    _notTried++;
                }
                else if (outcome.ClientRefused)
                {
                    // Said once for the client at the end, unless nothing was left untried (then it is this user's error).
                    _failed++;
                    _refusedUsers.Add((chunk[i].Issuer.ClientKey, outcome.Failure!, chunk[i]));
                }
                else
                {
                    _failed++;
                    WriteError(UserError(outcome.Failure!, chunk[i]));
                }
            }

            _done += chunk.Count;
            ReportProgress();
        }

        // With -CreateMissingUser the row's session's directory makes missing users; one directory per session, so a subject is made once.
        private static Task<IssuedToken> Issue(PendingUser pending, CancellationToken cancellationToken) =>
            pending.Users != null
                ? pending.Issuer.GetImpersonationTokenAsync(pending.User, pending.Users, pending.Name, cancellationToken)
                : pending.Issuer.GetImpersonationTokenAsync(pending.User, cancellationToken);

        // One error per refused client that left users untried, standing for the users it refused alike; a refusal that
        // cost no other user (a single user, or a batch all in flight) stays the error of each user it refused, as any
        // other refusal. A user in flight refused for another reason (a wrong secret while the rate limit stopped the
        // batch) keeps its own error: it is what the next run meets.
        private void WriteRefusals()
        {
            foreach (ClientRefusals.Stop stop in _refusals.Stops)
            {
                if (stop.Untried > 0)
                {
                    WriteError(ErrorRecords.From(stop.ToError()));
                }

                foreach ((object _, QlikOAuthException refusal, PendingUser pending) in _refusedUsers.Where(refused => refused.Client.Equals(stop.Client)))
                {
                    if (stop.Untried == 0 || refusal.ErrorId != stop.Refusal.ErrorId)
                    {
                        WriteError(UserError(refusal, pending));
                    }
                }
            }
        }

        // Progress only when the work spans more than one chunk: a handful of users finishes before a bar could help.
        private void ReportProgress()
        {
            if (!_progressShown && _done <= ChunkSize && _total <= ChunkSize)
            {
                return;
            }

            _progressShown = true;
            string status = $"{_issued} issued, {_failed} failed" + (_notTried > 0 ? $", {_notTried} not tried (batch stopped)" : string.Empty) + (_total > 0 ? $" of {_total}" : string.Empty);
            WriteProgress(new ProgressRecord(ProgressId, "Issuing impersonation tokens", status)
            {
                PercentComplete = _total > 0 ? Math.Min(100, _done * 100 / _total) : -1,
            });
        }

        /// <summary>
        /// The users one record names. Each of -UserId/-Subject/-Email may list several users, but only one of them
        /// at a time; one value in each describes one user several ways (a CSV row).
        /// </summary>
        private IReadOnlyList<UserReference>? UsersOfRecord(out ErrorRecord? problem)
        {
            problem = null;
            string[] ids = Values(UserId), subjects = Values(Subject), emails = Values(Email);
            if (InputObject is string || (InputObject is PSObject wrapped && wrapped.BaseObject is string))
            {
                subjects = subjects.Concat(new[] { InputObject.ToString() }).Where(value => value.Trim().Length > 0).ToArray();
            }

            int lists = new[] { ids, subjects, emails }.Count(values => values.Length > 0);
            if (ids.Length <= 1 && subjects.Length <= 1 && emails.Length <= 1)
            {
                UserReference? user = UserReference.From(ids.FirstOrDefault(), subjects.FirstOrDefault(), emails.FirstOrDefault());
                if (user != null)
                {
                    return new[] { user };
                }

                problem = ErrorRecords.Create("NoUser", ErrorCategory.InvalidArgument, "The input names no user: give -UserId, -Subject or -Email, or pipe objects with a UserId, Subject or Email property.", InputObject);
                return null;
            }

            if (lists == 1)
            {
                return ids.Select(id => UserReference.From(id, null, null)!)
                    .Concat(subjects.Select(subject => UserReference.From(null, subject, null)!))
                    .Concat(emails.Select(email => UserReference.From(null, null, email)!))
                    .ToList();
            }

            problem = ErrorRecords.Create(
                "AmbiguousUsers",
                ErrorCategory.InvalidArgument,
                "Several users were given by more than one of -UserId, -Subject and -Email: list users by one of them, or pipe one object per user.",
                InputObject);
            return null;
        }

        private static ErrorRecord UserError(QlikOAuthException failure, PendingUser pending) =>
            ErrorRecords.ForItem(failure, pending.Row, $"No token for {pending.User}");

        // A piped string arrives wrapped in a PSObject; a CSV row is a PSObject whose properties are the row.
        private static object Unwrapped(object input) =>
            input is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : input;

        private static string[] Values(string[]? values) => values?.Where(value => !string.IsNullOrWhiteSpace(value)).ToArray() ?? Array.Empty<string>();

        private sealed class PendingUser
        {
            public PendingUser(UserReference user, TokenIssuer issuer, object row, string? name, UserDirectory? users)
            {
                Users = users;
                Name = string.IsNullOrWhiteSpace(name) ? null : name;
                User = user;
                Issuer = issuer;
                Row = row;
            }

            public UserReference User { get; }

            public TokenIssuer Issuer { get; }

            /// <summary>Where -CreateMissingUser makes the user when it is missing; null without the switch.</summary>
            public UserDirectory? Users { get; }

            /// <summary>The name of the user if -CreateMissingUser creates it.</summary>
            public string? Name { get; }

            /// <summary>The input this user came from, the failure's TargetObject.</summary>
            public object Row { get; }
        }
    }
}
