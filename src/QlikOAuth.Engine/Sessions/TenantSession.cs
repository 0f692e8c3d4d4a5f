using System;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;
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
        }

        public QlikConnection Connection { get; }

        public ITenantCredential Credential { get; }

        /// <summary>Who the admin credential acts as, from GET /api/v1/users/me at connect time.</summary>
        public QlikUser User { get; }

        public TimeProvider Clock { get; }

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>Tokens issued through this session (any client, any user), reused until shortly before they expire.</summary>
        public TokenCache Tokens { get; }

        public Uri TenantUrl => Connection.TenantUrl;

        /// <summary>Opens the connection and proves the credential with GET /api/v1/users/me.</summary>
        public static async Task<TenantSession> ConnectAsync(
            Uri tenantUrl, ITenantCredential credential, QlikHttpOptions? options, TimeProvider? clock, CancellationToken cancellationToken)
        {
            var connection = new QlikConnection(tenantUrl, options);
            try
            {
                QlikUser user = await UsersApi.GetMeAsync(connection, credential, cancellationToken).ConfigureAwait(false);
                return new TenantSession(connection, credential, user, clock ?? TimeProvider.System);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Dispose() => Connection.Dispose();

        public override string ToString() => $"{TenantUrl} as {User} ({Credential.Description})";
    }
}
