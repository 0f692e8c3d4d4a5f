using System;
using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
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
        [ArgumentCompleter(typeof(UserSubjectCompleter))]
        public string? Subject { get; set; }

        /// <summary>Test impersonation of the user with this email (looked up with the session's admin rights).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public string? Email { get; set; }

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
            if (TryEngine(() => RunEngine(cancellationToken => ClientCheck.RunAsync(issuer, user, cancellationToken)), issuer.Client.ClientId, out ClientCheckResult check))
            {
                WriteObject(new QlikOAuthClientTestResult(issuer.Client.ClientId, check, issuer.Connection.TenantUrl));
            }
        }

        /// <summary>The token is the credential of this call: only its own tenant is asked, never with another client's credential.</summary>
        private void TestToken(QlikAccessToken token)
        {
            if (Credential != null || !string.IsNullOrEmpty(PrivateKeyPath) || UserId != null || Subject != null || Email != null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "TokenAndClient",
                    ErrorCategory.InvalidArgument,
                    "Test either a token (piped or -AccessToken) or a client (-Credential, or -ClientId with -PrivateKeyPath, and the user to impersonate), not both.",
                    token));
            }

            QlikSession? session = token.Session is null ? null : Current(token.Session);
            TryEngine(() => session is null ? new QlikConnection(token.TenantUrl) : null, token, out QlikConnection? standalone, OnFailure.Stop);
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
    }
}
