using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// A machine-to-machine (client_credentials) token of the issuing client: it acts as the client's bot user.
    /// Served from the session's cache while it has more than the refresh margin left, unless -NoCache.
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
            TokenIssuer issuer = ResolveIssuer();
            if (TryEngine(() => RunEngine(issuer.GetAccessTokenAsync), issuer.Client.ClientId, out AccessToken token))
            {
                WriteObject(ToOutput(token, null, AsPlainText, issuer));
            }
        }
    }
}
