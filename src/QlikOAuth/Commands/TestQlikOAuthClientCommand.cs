using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Tries the issuing client as Qlik's tutorials do: gets a token (M2M, or impersonating the user given; with no user,
    /// a client without client_credentials impersonates the session's own user) and
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
        [ArgumentCompleter(typeof(UserSubjectCompleter))]
        public string? Subject { get; set; }

        /// <summary>Test impersonation of the user with this email (looked up with the session's admin rights).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public string? Email { get; set; }

        /// <summary>Also answer whether a browser at this origin (https://custom-app.com) can use the client's impersonation tokens. Needs -Session (admin).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Origin { get; set; }

        /// <summary>A token to test instead of getting one (piped from Get-QlikAccessToken or Get-QlikImpersonationToken).</summary>
        [Parameter(ValueFromPipeline = true)]
        public QlikAccessToken? AccessToken { get; set; }

        protected override void ProcessRecord()
        {
            if (AccessToken != null)
            {
                TestToken(AccessToken);
                return;
            }

            TokenIssuer issuer = ResolveIssuer();
            UserReference? user = UserReference.From(UserId, Subject, Email);
            if (TryEngine(() => RunEngine(cancellationToken => ClientCheck.RunAsync(issuer, user, IssuingSession?.Engine.User, cancellationToken)), issuer.Client.ClientId, out ClientCheckResult check))
            {
                var result = new QlikOAuthClientTestResult(issuer.Client.ClientId, check, issuer.Connection.TenantUrl);
                if (Origin != null
                    && TryEngine(() => RunEngine(cancellationToken => CheckOriginAsync(issuer.Client.ClientId, cancellationToken)), Origin, out IReadOnlyList<EmbeddingFinding> findings))
                {
                    result.AddOriginChecks(Origin, findings);
                }

                WriteObject(result);
            }
        }

        /// <summary>The token is the credential of this call: only its own tenant is asked, never with another client's credential.</summary>
        private void TestToken(QlikAccessToken token)
        {
            if (Credential != null || !string.IsNullOrEmpty(PrivateKeyPath) || UserId != null || Subject != null || Email != null || Origin != null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "TokenAndClient",
                    ErrorCategory.InvalidArgument,
                    "Test either a token (piped or -AccessToken) or a client (-Credential, or -ClientId with -PrivateKeyPath, the user to impersonate, and -Origin), not both.",
                    token));
            }

            QlikSession? session = token.Session is null ? null : Current(token.Session);
            TryEngine(() => session is null ? token.ConnectToTenant() : null, token, out QlikConnection? standalone, OnFailure.Stop);
            try
            {
                UserReference? user = UserReference.From(token.UserId, token.Subject, token.Email);
                QlikConnection connection = standalone ?? session!.Engine.Connection;
                if (TryEngine(() => RunEngine(cancellationToken => ClientCheck.RunAsync(connection, token.Token, user, DateTimeOffset.UtcNow, cancellationToken)), token, out ClientCheckResult check))
                {
                    WriteObject(new QlikOAuthClientTestResult(token.ClientId, check, token.TenantUrl));
                }
            }
            finally
            {
                standalone?.Dispose();
            }
        }

        /// <summary>Reads the client and the CSP list with the session's admin rights: the issuing client alone may not.</summary>
        private async Task<IReadOnlyList<EmbeddingFinding>> CheckOriginAsync(string clientId, CancellationToken cancellationToken)
        {
            TenantSession admin = IssuingSession?.Engine ?? throw new QlikValidationException(
                "OriginNeedsSession", "-Origin reads the client and the tenant's CSP list with admin rights: connect with Connect-QlikTenant (or pass -Session) instead of -TenantUrl.");
            var clients = new OAuthClientsApi(admin.Connection, admin.Credential);
            OAuthClient client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
            string? consent = await clients.ConsentMethodOfAsync(client, cancellationToken).ConfigureAwait(false);
            return await EmbeddingCheck.RunAsync(client, consent, new CspOriginsApi(admin.Connection, admin.Credential), Origin!, cancellationToken).ConfigureAwait(false);
        }
    }
}
