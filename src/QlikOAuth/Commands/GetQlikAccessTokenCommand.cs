using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// A machine-to-machine (client_credentials) token of the issuing client: it acts as the client's bot user.
    /// Served from the session's cache while it has more than the refresh margin left, unless -NoCache.
    /// Naming no client on a session a person signed in to (-Interactive) returns that session's own token, renewed
    /// first when it is close to expiry, as Get-AzAccessToken does.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikAccessToken")]
    [OutputType(typeof(QlikAccessToken))]
    public sealed class GetQlikAccessTokenCommand : IssuingClientCmdlet
    {
        /// <summary>Emit the token as a plain string instead of a SecureString.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            if (NamesNoClient && ResolveSession() is QlikSession session && session.Engine.Credential is SignedInCredential person)
            {
                if (TryEngine(() => RunEngine(cancellationToken => person.GetTokenAsync(session.Engine.Connection, NoCache, cancellationToken)), session.TenantUrl, out AccessToken own))
                {
                    WriteObject(new QlikAccessToken(own, UserReference.From(session.UserId, session.Subject, null), AsPlainText, session, session.Engine.Connection));
                }

                return;
            }

            TokenIssuer issuer = ResolveIssuer();
            if (TryEngine(() => RunEngine(issuer.GetAccessTokenAsync), issuer.Client.ClientId, out AccessToken token))
            {
                WriteObject(ToOutput(token, null, AsPlainText, issuer));
            }
        }
    }
}
