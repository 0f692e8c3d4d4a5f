using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.OAuthTokens;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;
using QlikOAuth.Tokens;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Lists the tenant's live OAuth tokens (the token audit): whose each is, which client issued it, when it was last
    /// used. -UserId, -Email or -Subject: one user's; -All: every user's (TenantAdmin); neither: the session user's own.
    /// The tokens themselves are never shown, only their ids.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikOAuthToken", DefaultParameterSetName = OwnSet)]
    [OutputType(typeof(QlikOAuthToken))]
    public sealed class GetQlikOAuthTokenCommand : OAuthTokenCmdlet
    {
        internal const string OwnSet = "Own";
        internal const string AllSet = "All";

        /// <summary>Every user's tokens (needs TenantAdmin).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            OAuthTokensApi api = TokensApiOf(session);
            UserReference? user = NamedUser() ?? (All ? null : UserReference.From(session.Engine.User.Id, null, null));
            List<OAuthTokenRecord> Read() => RunEngine(cancellationToken => user is null ? api.ListAsync(null, cancellationToken) : api.ListOfUserAsync(user, cancellationToken));
            if (TryEngine(Read, user?.ToString(), out List<OAuthTokenRecord> tokens))
            {
                foreach (OAuthTokenRecord token in tokens)
                {
                    WriteObject(new QlikOAuthToken(token, session));
                }
            }
        }
    }
}
