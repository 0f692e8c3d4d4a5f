using System.Management.Automation;
using QlikOAuth.Engine.OAuthTokens;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of the token audit cmdlets: a user named by -UserId, -Email or -Subject (resolved to an id as
    /// Get-QlikImpersonationToken does), and the oauth-tokens API of the session.
    /// </summary>
    public abstract class OAuthTokenCmdlet : QlikSessionCmdlet
    {
        internal const string ByUserIdSet = "ByUserId";
        internal const string ByEmailSet = "ByEmail";
        internal const string BySubjectSet = "BySubject";

        [Parameter(Mandatory = true, ParameterSetName = ByUserIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string UserId { get; set; } = null!;

        /// <summary>Looked up with the session's admin rights; several users with the email is an error.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByEmailSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = BySubjectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Subject { get; set; } = null!;

        internal static OAuthTokensApi TokensApiOf(QlikSession session) => new OAuthTokensApi(session.Engine.Connection, session.Engine.Credential);

        /// <summary>The user named by the parameter set in force; null in the other sets.</summary>
        internal UserReference? NamedUser() => ParameterSetName switch
        {
            ByUserIdSet => UserReference.From(UserId, null, null),
            ByEmailSet => UserReference.From(null, null, Email),
            BySubjectSet => UserReference.From(null, Subject, null),
            _ => null,
        };
    }
}
