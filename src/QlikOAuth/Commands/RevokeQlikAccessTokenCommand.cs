using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;
using QlikOAuth.Tokens;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Revokes tokens over POST /oauth/revoke (the tenant answers 200 even for tokens it no longer knows) and drops
    /// them from the session's cache, so the next Get-Qlik*Token fetches a new one.
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "QlikAccessToken", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RevokeQlikAccessTokenCommand : QlikSessionCmdlet
    {
        /// <summary>The token object from Get-QlikAccessToken or Get-QlikImpersonationToken.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public QlikAccessToken AccessToken { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(AccessToken.ToString(), "Revoke"))
            {
                return;
            }

            // The token belongs to the tenant that issued it: its own session, else a connection to its tenant URL.
            QlikSession? session = AccessToken.Session ?? Session;
            bool sameTenant = session != null && session.IsConnected && session.TenantUrl == AccessToken.TenantUrl;
            QlikConnection? standalone = sameTenant ? null : new QlikConnection(AccessToken.TenantUrl);
            try
            {
                QlikConnection connection = standalone ?? session!.Engine.Connection;
                RunEngine(cancellationToken => TokenClient.RevokeAsync(connection, AccessToken.Token.Value, "access_token", null, cancellationToken));
                if (sameTenant)
                {
                    session!.Engine.Tokens.Remove(AccessToken.Token);
                }

                WriteVerbose($"Revoked the {AccessToken}.");
            }
            catch (QlikOAuthException exception)
            {
                WriteEngineError(exception, AccessToken.ClientId);
            }
            finally
            {
                standalone?.Dispose();
            }
        }
    }
}
