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
        protected QlikSession ResolveSession()
        {
            QlikSession? session = Session ?? DefaultSession.Get(SessionState);
            if (session is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "NoSession",
                    ErrorCategory.InvalidOperation,
                    "No Qlik tenant is connected in this session. Run Connect-QlikTenant -TenantUrl <url> -ApiKey <key> first, or pass -Session."));
            }

            if (!session!.IsConnected)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SessionDisconnected",
                    ErrorCategory.InvalidOperation,
                    $"The session to {session.TenantUrl} was disconnected. Run Connect-QlikTenant again.",
                    session.TenantUrl));
            }

            return session;
        }
    }
}
