using System.Management.Automation;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>Closes a session (default: the runspace's default) and forgets it as the default.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "QlikTenant")]
    [OutputType(typeof(void))]
    public sealed class DisconnectQlikTenantCommand : QlikSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            QlikSession? session = Session ?? DefaultSession.Get(SessionState);
            if (session is null)
            {
                WriteVerbose("No session to disconnect.");
                return;
            }

            if (ReferenceEquals(DefaultSession.Get(SessionState), session))
            {
                DefaultSession.Clear(SessionState);
            }

            if (session.IsConnected)
            {
                session.Disconnect();
                WriteVerbose($"Disconnected from {session.TenantUrl}.");
            }
        }
    }
}
