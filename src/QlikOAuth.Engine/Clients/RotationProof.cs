using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Proves a new credential the way an application will use it: one token from the tenant, never from a cache. A
    /// client with the client_credentials grant proves with that grant (its bot user); an impersonation-only client
    /// impersonates the user the admin session acts as, the one user the rotation is sure exists. The token is revoked
    /// once it has proved the credential: nobody holds it, and an impersonation-only client's token acts as the admin
    /// until it expires.
    /// </summary>
    internal sealed class RotationProof
    {
        private readonly QlikConnection _connection;
        private readonly string? _sessionUserId;

        public RotationProof(QlikConnection connection, string? sessionUserId)
        {
            _connection = connection;
            _sessionUserId = sessionUserId;
        }

        /// <summary>The grant to prove a credential of <paramref name="client"/> with; refused before anything is added when there is none.</summary>
        public string GrantFor(OAuthClient client)
        {
            if (client.AllowedGrantTypes.Contains(GrantTypes.ClientCredentials))
            {
                return GrantTypes.ClientCredentials;
            }

            if (client.AllowedGrantTypes.Contains(GrantTypes.UserImpersonation) && !string.IsNullOrEmpty(_sessionUserId))
            {
                return GrantTypes.UserImpersonation;
            }

            throw new QlikOAuthException(
                CredentialErrors.RotationNotPossible,
                QlikErrorKind.InvalidArgument,
                $"Client {client.ClientId} allows no grant a new credential can be proved with (client_credentials, or user impersonation as the session's user): its grants are {string.Join(", ", client.AllowedGrantTypes)}. Nothing was changed; add the credential with New-QlikOAuthClientSecret or Add-QlikOAuthClientKey instead.",
                client.ClientId);
        }

        /// <summary>Throws what the token endpoint said when it refuses; a token that cannot be revoked after is a warning.</summary>
        public async Task ProveAsync(ClientAuthentication credential, string grant, CancellationToken cancellationToken)
        {
            UserLookup? user = grant == GrantTypes.UserImpersonation ? UserLookup.ByUserId(_sessionUserId!) : null;
            var request = new TokenRequest(grant, credential, scope: null, user);
            AccessToken proof = await TokenClient.RequestAsync(_connection, request, _connection.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            QlikLog.Verbose($"The new {credential.Method} credential of client {credential.ClientId} got a {grant} token.");
            await RevokeAsync(proof, credential, cancellationToken).ConfigureAwait(false);
        }

        // The credential is proved whatever the revocation answers: a failure here must not undo the rotation.
        // Ctrl+C still ends the rotation (its caller removes the new credential), as it does during the proof.
        private async Task RevokeAsync(AccessToken proof, ClientAuthentication credential, CancellationToken cancellationToken)
        {
            try
            {
                // Authenticated as its client (RFC 7009 section 2.1): a tenant that asks for that accepts it, one that does not ignores it.
                await TokenClient.RevokeAsync(_connection, proof.Value, "access_token", credential, cancellationToken).ConfigureAwait(false);
                QlikLog.Verbose($"Revoked the token that proved the new credential of client {credential.ClientId}.");
            }
            catch (QlikOAuthException failed)
            {
                QlikLog.Warning($"The token that proved the new credential of client {credential.ClientId} could not be revoked ({failed.Message}). Nobody holds it; it stays valid until {proof.ExpiresAt:u}.");
            }
        }
    }
}
