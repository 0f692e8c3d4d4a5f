using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Engine.Fleet;

namespace QlikOAuth.Infrastructure
{
    /// <summary>Base of every cmdlet that acts on a tenant: the -Session parameter and its resolution.</summary>
    public abstract class QlikSessionCmdlet : QlikCmdlet
    {
        // The tenant whose session ForEachSession runs now, when it was given several: its errors name it.
        private System.Uri? _tenantNamed;

        /// <summary>
        /// The tenant to act on; default: the session of the last Connect-QlikTenant in this runspace. An array, so the
        /// cmdlets that act across tenants (Sync-, Get- and Export-QlikOAuthClient, Get- and New-QlikCspOrigin) take a
        /// fleet's sessions; the others take one (<see cref="ResolveSession"/>).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull] // a token made with -TenantUrl carries no session; piping it on must still bind
        public QlikSession[]? Session { get; set; }

        /// <summary>The one session given (or bound from the pipeline), else the runspace default, else a terminating error.</summary>
        protected QlikSession ResolveSession() => Current(GivenSession() ?? DefaultSession.Get(SessionState));

        /// <summary>
        /// Every session given, each still connected (see <see cref="Current"/>); none given: the runspace default. A
        /// tenant given twice is refused: a sync would plan it twice and create each missing client twice.
        /// </summary>
        protected IReadOnlyList<QlikSession> ResolveSessions()
        {
            if (Session is null || Session.Length == 0)
            {
                return new[] { ResolveSession() };
            }

            List<QlikSession> sessions = Session.Select(Current).ToList();
            if (sessions.GroupBy(session => session.TenantUrl).FirstOrDefault(tenant => tenant.Count() > 1) is IGrouping<System.Uri, QlikSession> twice)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SessionTenantRepeated",
                    ErrorCategory.InvalidArgument,
                    $"-Session holds {twice.Count()} sessions of {twice.Key}: give each tenant once (Select-Object -Unique on TenantUrl, or leave the extra Connect-QlikTenant out). Nothing was done.",
                    twice.Key));
            }

            return sessions;
        }

        /// <summary>
        /// Runs <paramref name="work"/> for each of <paramref name="sessions"/> (<see cref="ResolveSessions"/>), in order.
        /// With several, every error the work reports through the engine names its session's tenant: the same failure on
        /// two tenants would otherwise read the same, and a script could not tell which tenant to look at.
        /// </summary>
        protected void ForEachSession(IReadOnlyList<QlikSession> sessions, System.Action<QlikSession> work)
        {
            foreach (QlikSession session in sessions)
            {
                _tenantNamed = sessions.Count > 1 ? session.TenantUrl : null;
                try
                {
                    work(session);
                }
                finally
                {
                    _tenantNamed = null;
                }
            }
        }

        // Named as the fleet's own errors are (FleetRun.Naming), here on the record: an unexpected failure is named too.
        private protected override ErrorRecord Described(ErrorRecord record) =>
            _tenantNamed != null && FleetRun.LeadOf(_tenantNamed, record.ErrorDetails?.Message ?? record.Exception.Message) is string tenant
                ? ErrorRecords.Led(record, tenant)
                : record;

        /// <summary>
        /// The -Session of a cmdlet that acts on one tenant, or null when none was given. Several are refused rather than
        /// one of them chosen: acting on the first tenant only would look like the whole fleet was done.
        /// </summary>
        protected QlikSession? GivenSession()
        {
            if (Session != null && Session.Length > 1)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SessionNotSingle",
                    ErrorCategory.InvalidArgument,
                    $"{MyInvocation.MyCommand.Name} acts on one tenant, but -Session holds {Session.Length} sessions. Pass one, or loop: $sessions | ForEach-Object {{ {MyInvocation.MyCommand.Name} -Session $_ ... }}. Sync-QlikOAuthClient, Get-QlikOAuthClient, Export-QlikOAuthClient, Get-QlikCspOrigin and New-QlikCspOrigin take several.",
                    Session.Length));
            }

            return Session is null || Session.Length == 0 ? null : Session[0];
        }

        /// <summary>
        /// A session that is still connected. An object made before Disconnect-QlikTenant + Connect-QlikTenant carries
        /// the old session: it stands for its tenant, so the current default session of that same tenant takes its
        /// place (said on Verbose). Another tenant's session never does: that would act on the wrong tenant.
        /// </summary>
        protected QlikSession Current(QlikSession? session)
        {
            if (session is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "NoSession",
                    ErrorCategory.InvalidOperation,
                    "No Qlik tenant is connected in this session. Run Connect-QlikTenant -TenantUrl <url> -ApiKey <key> first, or pass -Session."));
            }

            if (session!.IsConnected)
            {
                return session;
            }

            QlikSession? successor = DefaultSession.Get(SessionState);
            if (successor != null && successor.IsConnected && successor.TenantUrl == session.TenantUrl)
            {
                WriteVerbose($"The session {session.SessionId} to {session.TenantUrl} was disconnected; using the current session {successor.SessionId} to the same tenant.");
                return successor;
            }

            ThrowTerminatingError(ErrorRecords.Create(
                "SessionDisconnected",
                ErrorCategory.InvalidOperation,
                $"The session to {session.TenantUrl} was disconnected. Run Connect-QlikTenant -TenantUrl {session.TenantUrl} again, or pass a connected -Session.",
                session.TenantUrl));
            return null!;
        }
    }
}
