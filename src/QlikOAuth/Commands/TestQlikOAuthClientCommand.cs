using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tokens;

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

        /// <summary>Also answer whether a browser at this origin (https://custom-app.com) can use the client's impersonation tokens. Needs -Session (admin).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Origin { get; set; }

        protected override void ProcessRecord()
        {
            TokenIssuer issuer = ResolveIssuer();
            UserReference? user = UserReference.From(UserId, Subject, Email);
            try
            {
                ClientCheckResult check = RunEngine(cancellationToken => ClientCheck.RunAsync(issuer, user, cancellationToken));
                var result = new QlikOAuthClientTestResult(issuer.Client.ClientId, check, issuer.Connection.TenantUrl);
                if (Origin != null)
                {
                    result.AddOriginChecks(Origin, RunEngine(cancellationToken => CheckOriginAsync(issuer.Client.ClientId, cancellationToken)));
                }

                WriteObject(result);
            }
            catch (QlikOAuthException exception)
            {
                WriteEngineError(exception, issuer.Client.ClientId);
            }
        }

        /// <summary>Reads the client and the CSP list with the session's admin rights: the issuing client alone may not.</summary>
        private async Task<IReadOnlyList<EmbeddingFinding>> CheckOriginAsync(string clientId, CancellationToken cancellationToken)
        {
            TenantSession admin = IssuingSession?.Engine ?? throw new QlikValidationException(
                "OriginNeedsSession", "-Origin reads the client and the tenant's CSP list with admin rights: connect with Connect-QlikTenant (or pass -Session) instead of -TenantUrl.");
            var clients = new OAuthClientsApi(admin);
            OAuthClient client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
            string? consent = await clients.ConsentMethodOfAsync(client, cancellationToken).ConfigureAwait(false);
            return await EmbeddingCheck.RunAsync(client, consent, new CspOriginsApi(admin), Origin!, cancellationToken).ConfigureAwait(false);
        }
    }
}
