using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.SignIn;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;

namespace QlikOAuth.Engine.Sessions
{
    /// <summary>
    /// One connection to one tenant: the HTTP client, the admin credential and who it acts as. Shared by every
    /// cmdlet that is given the session, from any thread.
    /// </summary>
    public sealed class TenantSession : IDisposable
    {
        private TenantSession(QlikConnection connection, ITenantCredential credential, QlikUser user, TimeProvider clock)
        {
            Connection = connection;
            Credential = credential;
            User = user;
            Clock = clock;
            ConnectedAt = clock.GetUtcNow();
            // An admin OAuth client's token sits in the same cache as the tokens issued through the session.
            Tokens = credential is OAuthClientCredential admin ? admin.Tokens : new TokenCache(clock);
            Users = new UserDirectory(connection, credential);
        }

        public QlikConnection Connection { get; }

        public ITenantCredential Credential { get; }

        /// <summary>Who the admin credential acts as, from GET /api/v1/users/me at connect time.</summary>
        public QlikUser User { get; }

        public TimeProvider Clock { get; }

        /// <summary>Finds and creates users with the admin credential; one per session, so parallel cmdlets create a subject once.</summary>
        public UserDirectory Users { get; }

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>Tokens issued through this session (any client, any user), reused until shortly before they expire.</summary>
        public TokenCache Tokens { get; }

        /// <summary>Private keys the session's token calls read from files: read and decrypted once, cleared on Dispose.</summary>
        public SigningKeyCache SigningKeys { get; } = new SigningKeyCache();

        public Uri TenantUrl => Connection.TenantUrl;

        /// <summary>Opens the connection and proves the credential with GET /api/v1/users/me.</summary>
        public static Task<TenantSession> ConnectAsync(
            Uri tenantUrl, ITenantCredential credential, QlikHttpOptions? options, TimeProvider? clock, CancellationToken cancellationToken)
        {
            clock ??= TimeProvider.System;
            return OpenAsync(new QlikConnection(tenantUrl, options, clock: clock), _ => Task.FromResult(credential), clock, cancellationToken);
        }

        /// <summary>
        /// A person signs in as themselves in the browser (<see cref="InteractiveSignIn"/>); the session then acts as them,
        /// proven with GET /api/v1/users/me like any other. The session owns <see cref="SignInRequest.Client"/>: a web
        /// client's signing key is cleared when the session ends, or at once when the sign-in fails.
        /// </summary>
        public static async Task<TenantSession> SignInAsync(
            Uri tenantUrl, SignInRequest request, SystemBrowser browser, QlikHttpOptions? options, TimeProvider? clock, CancellationToken cancellationToken)
        {
            clock ??= TimeProvider.System;
            TimeProvider sessionClock = clock;
            try
            {
                return await OpenAsync(
                    new QlikConnection(tenantUrl, options, clock: clock),
                    async connection =>
                    {
                        SignInTokens tokens = await InteractiveSignIn.SignInAsync(connection, request, browser, cancellationToken).ConfigureAwait(false);
                        return new SignedInCredential(request.ClientId, request.Client, tokens, sessionClock);
                    },
                    clock,
                    cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                (request.Client as IDisposable)?.Dispose();
                throw;
            }
        }

        private static async Task<TenantSession> OpenAsync(
            QlikConnection connection, Func<QlikConnection, Task<ITenantCredential>> credentialFor, TimeProvider clock, CancellationToken cancellationToken)
        {
            Uri tenantUrl = connection.TenantUrl;
            ITenantCredential? credential = null;
            try
            {
                credential = await credentialFor(connection).ConfigureAwait(false);
                QlikUser user = await UsersApi.GetMeAsync(connection, credential, cancellationToken).ConfigureAwait(false);
                return new TenantSession(connection, credential, user, clock);
            }
            catch (QlikApiException refused) when (credential != null && ((int)refused.StatusCode == 401 || (int)refused.StatusCode == 403))
            {
                connection.Dispose();
                throw new QlikOAuthException(refused.ErrorId, refused.Kind, $"{WhyRefused((int)refused.StatusCode, credential)} ({refused.Message})", tenantUrl, refused);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        // At connect a 401 or 403 has few causes, each with its own fix: say them instead of the bare status.
        private static string WhyRefused(int status, ITenantCredential credential)
        {
            bool apiKey = credential is ApiKeyCredential;
            if (credential is SignedInCredential)
            {
                return status == 401
                    ? "The tenant did not accept the signed-in token. Connect again with -Interactive."
                    : "You signed in, but your user may not read its own profile here: ask a tenant admin for access to the tenant.";
            }

            if (status == 401)
            {
                return apiKey
                    ? "The tenant did not accept the API key: it is wrong, expired or was revoked. Create a new one (Profile settings > API keys) and pass it with -ApiKey."
                    : "The tenant did not accept the OAuth client's token: the client was changed, deleted or its consent is not Trusted. Check it with Test-QlikOAuthClient -Credential, then connect again.";
            }

            return apiKey
                ? "The API key is valid but its user may not do this: the module needs a TenantAdmin's API key. Create the key as a TenantAdmin and pass it with -ApiKey."
                : "The OAuth client's token may not do this: tenant administration needs the admin_classic scope. Connect with -Scope admin_classic if the client allows it, or with a TenantAdmin's API key (-ApiKey).";
        }

        /// <summary>Ends the session: a signed-in person's refresh token is revoked first, so it cannot be renewed again.</summary>
        public async Task DisconnectAsync(CancellationToken cancellationToken)
        {
            if (Credential is SignedInCredential person)
            {
                await person.SignOutAsync(Connection, cancellationToken).ConfigureAwait(false);
            }

            Dispose();
        }

        public void Dispose()
        {
            SigningKeys.Dispose();
            Connection.Dispose();
            (Credential as IDisposable)?.Dispose();
        }

        public override string ToString() => $"{TenantUrl} as {User} ({Credential.Description})";
    }
}
