using System;
using System.Management.Automation;
using System.Net.Http;
using System.Security;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Rest;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;
using QlikOAuth.Tokens;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Any Qlik REST call, for everything the module has no cmdlet for: authenticated by the session (or by a
    /// token with -AccessToken), with its retries and rate-limit waits. JSON answers come out as objects; -All
    /// follows links.next.href and emits the items of every page. Calls other than GET ask ShouldProcess.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "QlikRestMethod", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeQlikRestMethodCommand : QlikSessionCmdlet
    {
        /// <summary>A path on the tenant, such as /api/v1/users/me, or a link the tenant gave (same host only).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        [Parameter(Position = 1)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>A JSON string sent as it is, or an object (hashtable, PSCustomObject, array) converted to JSON.</summary>
        [Parameter]
        public object? Body { get; set; }

        /// <summary>Follow links.next.href page after page and emit the items of every page.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>
        /// Call as this token instead of the session's admin: a QlikAccessToken object, or the token as a SecureString.
        /// A token piped in is the credential of the call.
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public AccessTokenArgument? AccessToken { get; set; }

        protected override void ProcessRecord()
        {
            var method = new HttpMethod(Method.ToUpperInvariant());
            if (method != HttpMethod.Get && !ShouldProcess(Path, Method.ToUpperInvariant()))
            {
                return;
            }

            QlikAccessToken? token = AccessToken?.Token;
            QlikSession? session = token is null ? ResolveSession() : SessionOf(token);
            TryEngine(() => session is null ? token!.ConnectToTenant() : null, token?.TenantUrl, out QlikConnection? standalone, OnFailure.Stop);
            try
            {
                QlikConnection connection = standalone ?? session!.Engine.Connection;
                ITenantCredential credential = CredentialFor(token, session);
                TryEngine(() => Body is null ? null : Body is string text ? text : (Body as PSObject)?.BaseObject is string wrapped ? wrapped : JsonTree.ToJson(PowerShellJson.ToJsonValue(Body)), Path, out string? body, OnFailure.Stop);
                TryEngine(() => Send(connection, credential, method, body, token, session), Path);
            }
            finally
            {
                standalone?.Dispose();
            }
        }

        /// <summary>
        /// The token's own tenant, never another: its session (or, after a reconnect, the same tenant's current one), or
        /// null for a token made with -TenantUrl. An explicit -Session of another tenant is refused, not obeyed.
        /// </summary>
        private QlikSession? SessionOf(QlikAccessToken token)
        {
            QlikSession? given = GivenSession();
            if (given != null && !ReferenceEquals(given, token.Session?.Target) && given.TenantUrl != token.TenantUrl)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "TokenTenantMismatch",
                    ErrorCategory.InvalidArgument,
                    $"The access token was issued by {token.TenantUrl}, but -Session is {given.TenantUrl}: a token is only valid on its own tenant. Leave -Session out, or give a token of that tenant.",
                    token));
            }

            return token.Session is null ? null : Current(token.Session);
        }

        private void Send(QlikConnection connection, ITenantCredential credential, HttpMethod method, string? body, QlikAccessToken? token, QlikSession? session)
        {
            RestResponse response;
            try
            {
                response = RunEngine(cancellationToken => All
                    ? RestApi.SendAllPagesAsync(connection, credential, method, Path, body, cancellationToken)
                    : RestApi.SendAsync(connection, credential, method, Path, body, cancellationToken));
            }
            catch (QlikApiException refused) when ((int)refused.StatusCode == 401 && token != null)
            {
                // The tenant no longer accepts this token: the cache must not hand it out again.
                session?.Engine.Tokens.Remove(token.Token);
                WriteVerbose($"The tenant refused the {token}; it was dropped from the session's token cache.");
                throw;
            }

            if (All && response.Items != null)
            {
                foreach (object? item in response.Items)
                {
                    WriteObject(PowerShellJson.ToPowerShell(item));
                }

                return;
            }

            WriteObject(PowerShellJson.ToPowerShell(response.Content), enumerateCollection: true);
        }

        private ITenantCredential CredentialFor(QlikAccessToken? token, QlikSession? session)
        {
            if (AccessToken?.IsPlainText == true)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "InvalidAccessToken",
                    ErrorCategory.InvalidArgument,
                    "-AccessToken takes a token object from Get-QlikAccessToken or Get-QlikImpersonationToken, or a SecureString; never plain text."));
            }

            return token != null ? new AccessTokenCredential(token.Token)
                : AccessToken?.Bearer != null ? new BearerCredential(AccessToken.Bearer)
                : session!.Engine.Credential;
        }
    }
}
