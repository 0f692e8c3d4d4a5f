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
            // Several at once too: a fleet's sessions ($sessions | Disconnect-QlikTenant, or -Session $sessions).
            QlikSession?[] sessions = Session is null || Session.Length == 0 ? new[] { DefaultSession.Get(SessionState) } : Session;
            foreach (QlikSession? session in sessions)
            {
                Disconnect(session);
            }
        }

        private void Disconnect(QlikSession? session)
        {
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
