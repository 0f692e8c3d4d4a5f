using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Tries the issuing client as Qlik's tutorials do: gets a token (M2M, or impersonating the user given) and
    /// calls GET /api/v1/users/me with it. Reports who the token acts as, or in plain words why the tenant said
    /// no (wrong secret or key, grant not allowed, consent not Trusted, scope not allowed, user unknown or
    /// disabled). A refusal is a result (Success = $false), not an error; an unreachable tenant is an error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "QlikOAuthClient")]
    [OutputType(typeof(QlikOAuthClientTestResult))]
    public sealed class TestQlikOAuthClientCommand : IssuingClientCmdlet
    {
        /// <summary>Test impersonation of the user with this id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserId { get; set; }

        /// <summary>Test impersonation of the user with this subject.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Subject { get; set; }

        /// <summary>Test impersonation of the user with this email (looked up with the session's admin rights).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Email { get; set; }

        protected override void ProcessRecord()
        {
            TokenIssuer issuer = ResolveIssuer();
            UserReference? user = UserReference.From(UserId, Subject, Email);
            if (TryEngine(() => RunEngine(cancellationToken => ClientCheck.RunAsync(issuer, user, cancellationToken)), issuer.Client.ClientId, out ClientCheckResult check))
            {
                WriteObject(new QlikOAuthClientTestResult(issuer.Client.ClientId, check, issuer.Connection.TenantUrl));
            }
        }
    }
}
