using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Revokes tokens over POST /oauth/revoke (the tenant answers 200 even for tokens it no longer knows) and drops
    /// them from the session's cache, so the next Get-Qlik*Token fetches a new one. Given the owning client's
    /// credential, the revocation is authenticated as that client (RFC 7009 section 2.1).
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "QlikAccessToken", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RevokeQlikAccessTokenCommand : QlikSessionCmdlet
    {
        /// <summary>The token object from Get-QlikAccessToken or Get-QlikImpersonationToken.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public QlikAccessToken AccessToken { get; set; } = null!;

        /// <summary>The owning client: user name = client id, password = client secret (New-QlikOAuthClient's Credential).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The owning client's private key file, to authenticate by private key JWT.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PrivateKeyPath { get; set; }

        /// <summary>The kid the key's public half was registered under.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyId { get; set; }

        /// <summary>The password of an encrypted private key file.</summary>
        [Parameter]
        public SecureString? KeyPassword { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(AccessToken.ToString(), "Revoke"))
            {
                return;
            }

            // The token belongs to the tenant that issued it: its own session, else a connection to its tenant URL.
            QlikSession? session = AccessToken.Session is null ? GivenSession() : Current(AccessToken.Session);
            bool sameTenant = session != null && session.IsConnected && session.TenantUrl == AccessToken.TenantUrl;
            QlikConnection? standalone = null;
            ClientAuthentication? owner = null;
            try
            {
                void Revoke()
                {
                    // Through RunEngine: decrypting a key file can take seconds, and Ctrl+C must stop it.
                    owner = RunEngine(cancellationToken => Task.FromResult(OwningClient(cancellationToken)));
                    standalone = sameTenant ? null : AccessToken.ConnectToTenant();
                    QlikConnection connection = standalone ?? session!.Engine.Connection;
                    RunEngine(cancellationToken => TokenClient.RevokeAsync(connection, AccessToken.Token.Value, "access_token", owner, cancellationToken));
                }

                if (TryEngine(Revoke, AccessToken))
                {
                    if (sameTenant)
                    {
                        session!.Engine.Tokens.Remove(AccessToken.Token);
                    }

                    WriteVerbose($"Revoked the {AccessToken}.");
                }
            }
            finally
            {
                (owner as IDisposable)?.Dispose();
                standalone?.Dispose();
            }
        }

        // Null when no credential was given: the tenant then gets the token alone, as Qlik documents revocation.
        private ClientAuthentication? OwningClient(CancellationToken cancellationToken)
        {
            string clientId = AccessToken.ClientId;
            if (PrivateKeyPath != null)
            {
                SigningKey key = PrivateKeyReader.ReadFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(PrivateKeyPath), KeyPassword, KeyId, cancellationToken: cancellationToken);
                try
                {
                    return new PrivateKeyJwtAuthentication(clientId, key);
                }
                catch
                {
                    key.Dispose();
                    throw;
                }
            }

            if (Credential is null)
            {
                return null;
            }

            if (!string.Equals(Credential.UserName, clientId, StringComparison.Ordinal))
            {
                throw new QlikValidationException(
                    "ClientIdMismatch",
                    $"The token belongs to client '{clientId}', but -Credential names '{Credential.UserName}': give the credential of the client that issued the token.",
                    clientId);
            }

            return new ClientSecretAuthentication(clientId, Credential.Password);
        }
    }
}
