using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Users;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// Proves a client works the way Qlik's own M2M tutorial does: get a token, call GET /api/v1/users/me with it.
    /// A refusal the user can act on (wrong secret, grant, consent, scope, user) is a result, not an exception;
    /// network and server failures still throw.
    /// </summary>
    public static class ClientCheck
    {
        /// <param name="user">The user to impersonate; null: a machine-to-machine token.</param>
        /// <param name="sessionUser">
        /// The user the session signs in as, if any. With no <paramref name="user"/>, a client that does not allow
        /// client_credentials (an impersonation-only client, as Qlik advises for embedding) is tested by impersonating
        /// this user: its own grant is what is tested, and nothing advises giving it machine-to-machine power.
        /// </param>
        public static async Task<ClientCheckResult> RunAsync(TokenIssuer issuer, UserReference? user, QlikUser? sessionUser, CancellationToken cancellationToken)
        {
            ClientCheckResult check = await TryAsync(issuer, user, cancellationToken).ConfigureAwait(false);
            if (user != null || check.Reason != TokenFailureReason.GrantNotAllowed)
            {
                return check;
            }

            string clientId = issuer.Client.ClientId;
            if (!IsPerson(sessionUser))
            {
                return ClientCheckResult.Failed(GrantTypes.ClientCredentials, null, TokenFailureReason.GrantNotAllowed,
                    $"Client '{clientId}' does not allow client_credentials (machine-to-machine tokens), which is how a client is tried when no user is named, and the session has no user of its own to impersonate. "
                    + "If it is an impersonation client, name a user to impersonate: -UserId, -Subject or -Email.");
            }

            ClientCheckResult impersonated = await TryAsync(issuer, UserReference.From(sessionUser!.Id, null, null), cancellationToken).ConfigureAwait(false);
            return impersonated.WithNote(
                $"No user was named and client '{clientId}' does not allow client_credentials, so it was tested by impersonating the session's user {sessionUser.Subject ?? sessionUser.Id} (id {sessionUser.Id}).");
        }

        private static async Task<ClientCheckResult> TryAsync(TokenIssuer issuer, UserReference? user, CancellationToken cancellationToken)
        {
            string grant = user is null ? GrantTypes.ClientCredentials : GrantTypes.UserImpersonation;
            try
            {
                IssuedToken issued = user is null
                    ? new IssuedToken(await issuer.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false), null)
                    : await issuer.GetImpersonationTokenAsync(user, cancellationToken).ConfigureAwait(false);

                // A cached token the tenant no longer accepts is dropped and replaced once (see AccessTokenCredential).
                var credential = new AccessTokenCredential(issued.Token, issuer, issued.User);
                QlikUser me = await UsersApi.GetMeAsync(issuer.Connection, credential, cancellationToken).ConfigureAwait(false);
                return ClientCheckResult.Passed(grant, credential.Token, issued.User, me);
            }
            catch (QlikTokenException refused)
            {
                return ClientCheckResult.Failed(grant, user, refused.Reason, refused.Explanation);
            }
            catch (QlikOAuthException lookup) when (lookup.ErrorId == UsersApiErrors.UserNotFoundByEmail || lookup.ErrorId == UsersApiErrors.AmbiguousEmail)
            {
                TokenFailureReason reason = lookup.ErrorId == UsersApiErrors.AmbiguousEmail ? TokenFailureReason.UserAmbiguous : TokenFailureReason.UserNotFound;
                return ClientCheckResult.Failed(grant, user, reason, lookup.Message);
            }
        }

        /// <summary>A session signed in as a person (an API key's user), not as an OAuth client's bot user (qlikbot\clientId), which is no one to impersonate.</summary>
        private static bool IsPerson(QlikUser? user) =>
            !string.IsNullOrWhiteSpace(user?.Id) && !(user!.Subject?.StartsWith(@"qlikbot\", StringComparison.OrdinalIgnoreCase) ?? false);

        /// <summary>
        /// Proves a token one holds already: GET /api/v1/users/me with it. A token the tenant refuses is a result that
        /// says whether it expired or (still within its lifetime) was revoked.
        /// </summary>
        public static async Task<ClientCheckResult> RunAsync(QlikConnection connection, AccessToken token, UserReference? user, DateTimeOffset now, CancellationToken cancellationToken)
        {
            try
            {
                QlikUser me = await UsersApi.GetMeAsync(connection, new AccessTokenCredential(token), cancellationToken).ConfigureAwait(false);
                return ClientCheckResult.Passed(token.GrantType, token, user, me);
            }
            catch (QlikApiException refused) when ((int)refused.StatusCode == 401)
            {
                string why = token.ExpiresAt <= now
                    ? $"it expired at {token.ExpiresAt:u}"
                    : $"it was revoked (or the client was changed or deleted) before it would have expired at {token.ExpiresAt:u}";
                return ClientCheckResult.Failed(token.GrantType, user, TokenFailureReason.TokenRejected, $"The tenant no longer accepts this token: {why}. Get a new one with Get-QlikAccessToken or Get-QlikImpersonationToken.");
            }
        }
    }
}
