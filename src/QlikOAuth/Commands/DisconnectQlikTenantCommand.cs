using System.Management.Automation;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Closes a session (default: the runspace's default) and forgets it as the default. A person's sign-in has its
    /// refresh token revoked first, so nobody can renew it.
    /// </summary>
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
                if (session.Engine.Credential is SignedInCredential person)
                {
                    // A failed revocation is reported, and the session is closed all the same.
                    TryEngine(() => RunEngine(cancellationToken => person.SignOutAsync(session.Engine.Connection, cancellationToken)), session.TenantUrl);
                }

                session.Disconnect();
                WriteVerbose($"Disconnected from {session.TenantUrl}.");
            }
        }
    }
}
