using System;
using System.Collections.Generic;
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

        /// <summary>Call as this token instead of the session's admin: a QlikAccessToken object, or the token as a SecureString.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? AccessToken { get; set; }

        protected override void ProcessRecord()
        {
            var method = new HttpMethod(Method.ToUpperInvariant());
            if (method != HttpMethod.Get && !ShouldProcess(Path, Method.ToUpperInvariant()))
            {
                return;
            }

            QlikAccessToken? token = (AccessToken as PSObject)?.BaseObject as QlikAccessToken ?? AccessToken as QlikAccessToken;
            QlikSession? session = token is null ? ResolveSession() : token.Session;
            QlikConnection? standalone = session is null ? new QlikConnection(token!.TenantUrl) : null;
            try
            {
                QlikConnection connection = standalone ?? session!.Engine.Connection;
                ITenantCredential credential = CredentialFor(token, session);
                string? body = Body is null ? null : Body is string text ? text : (Body as PSObject)?.BaseObject is string wrapped ? wrapped : JsonTree.ToJson(PowerShellJson.ToJsonValue(Body));
                Send(connection, credential, method, body, token, session);
            }
            catch (QlikOAuthException exception)
            {
                WriteEngineError(exception, Path);
            }
            finally
            {
                standalone?.Dispose();
            }
        }

        private void Send(QlikConnection connection, ITenantCredential credential, HttpMethod method, string? body, QlikAccessToken? token, QlikSession? session)
        {
            string? next = Path;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (next != null && seen.Add(next))
            {
                string target = next;
                RestResponse response;
                try
                {
                    response = RunEngine(cancellationToken => RestApi.SendAsync(connection, credential, method, target, body, cancellationToken));
                }
                catch (QlikApiException refused) when ((int)refused.StatusCode == 401 && token != null)
                {
                    // The tenant no longer accepts this token: the cache must not hand it out again.
                    session?.Engine.Tokens.Remove(token.Token);
                    WriteVerbose($"The tenant refused the {token}; it was dropped from the session's token cache.");
                    throw;
                }

                if (!All || response.Items is null)
                {
                    WriteObject(PowerShellJson.ToPowerShell(response.Content), enumerateCollection: true);
                    return;
                }

                foreach (object? item in response.Items)
                {
                    WriteObject(PowerShellJson.ToPowerShell(item));
                }

                next = response.NextHref;
            }
        }

        private ITenantCredential CredentialFor(QlikAccessToken? token, QlikSession? session)
        {
            if (token != null)
            {
                return new AccessTokenCredential(token.Token);
            }

            object? bare = (AccessToken as PSObject)?.BaseObject ?? AccessToken;
            switch (bare)
            {
                case null:
                    return session!.Engine.Credential;
                case SecureString secure:
                    return new BearerCredential(secure);
                default:
                    ThrowTerminatingError(ErrorRecords.Create(
                        "InvalidAccessToken",
                        ErrorCategory.InvalidArgument,
                        "-AccessToken takes a token object from Get-QlikAccessToken or Get-QlikImpersonationToken, or a SecureString; never plain text."));
                    return null!;
            }
        }
    }
}
