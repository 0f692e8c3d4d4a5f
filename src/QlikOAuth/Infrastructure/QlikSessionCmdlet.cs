using System.Management.Automation;

namespace QlikOAuth.Infrastructure
{
    /// <summary>Base of every cmdlet that acts on a tenant: the -Session parameter and its resolution.</summary>
    public abstract class QlikSessionCmdlet : QlikCmdlet
    {
        /// <summary>The tenant to act on; default: the session of the last Connect-QlikTenant in this runspace.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull] // a token made with -TenantUrl carries no session; piping it on must still bind
        public QlikSession? Session { get; set; }

        /// <summary>Explicit -Session (or bound from the pipeline), else the runspace default, else a terminating error.</summary>
        protected QlikSession ResolveSession() => Current(Session ?? DefaultSession.Get(SessionState));

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
