using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Users;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// Issues tokens of one client on one tenant: M2M, or impersonation of users named by id, subject or email.
    /// Goes through the cache when one is given; resolves emails with the directory credential (the session's
    /// admin), since Qlik's user_lookup knows no email field. Safe from many threads.
    /// </summary>
    public sealed class TokenIssuer
    {
        private readonly QlikConnection _connection;
        private readonly TokenCache? _cache;
        private readonly ITenantCredential? _directory;
        private readonly string? _scope;
        private TokenRequest? _m2mRequest;

        /// <param name="cache">Null: every call asks the tenant (-NoCache, or no session to keep tokens in).</param>
        /// <param name="directory">Who may read the users API for email lookups; null: emails are refused.</param>
        public TokenIssuer(QlikConnection connection, ClientAuthentication client, string? scope, TokenCache? cache, ITenantCredential? directory)
        {
            _connection = connection;
            Client = client;
            _scope = scope;
            _cache = cache;
            _directory = directory;
        }

        public ClientAuthentication Client { get; }

        public QlikConnection Connection => _connection;

        /// <summary>
        /// Names the client on its tenant, the same for every issuer of it, so a batch that finds the client refused
        /// stops all of its items (<see cref="ClientRefusals"/>) whichever record's issuer sends them.
        /// </summary>
        public object ClientKey => (_connection, Client.ClientId);

        /// <summary>A client_credentials (M2M) token: the client acts as its bot user.</summary>
        public Task<AccessToken> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            GetAsync(_m2mRequest ??= new TokenRequest(GrantTypes.ClientCredentials, Client, _scope), cancellationToken);

        /// <summary>A user-impersonation token for one user; an email is resolved to the user's id first.</summary>
        public async Task<IssuedToken> GetImpersonationTokenAsync(UserReference user, CancellationToken cancellationToken)
        {
            UserReference resolved = await ResolveAsync(user, cancellationToken).ConfigureAwait(false);
            AccessToken token = await GetAsync(new TokenRequest(GrantTypes.UserImpersonation, Client, _scope, resolved.Lookup), cancellationToken).ConfigureAwait(false);
            return new IssuedToken(token, resolved);
        }

        /// <summary>
        /// A token for the user, creating the user first when the tenant has none: the first visit of a person to an
        /// embedded app. The user is looked up by subject, or by email when only that is known; a new user's subject is
        /// the subject, else the email, and its name <paramref name="name"/>, else the email. A user named by id is
        /// not looked up: an id only exists for a user that was made already.
        /// </summary>
        public async Task<IssuedToken> GetImpersonationTokenAsync(UserReference user, UserDirectory users, string? name, CancellationToken cancellationToken)
        {
            if (user.UserId != null)
            {
                return await GetImpersonationTokenAsync(user, cancellationToken).ConfigureAwait(false);
            }

            NewUser wanted = NewUser.Create(user.Subject ?? user.Email, user.Email, name, null);
            EnsuredUser ensured = await users.EnsureAsync(wanted, byEmail: user.Subject is null, cancellationToken).ConfigureAwait(false);
            UserReference resolved = user.WithFound(ensured.User.Id, ensured.User.Subject);
            AccessToken token = await GetAsync(new TokenRequest(GrantTypes.UserImpersonation, Client, _scope, resolved.Lookup), cancellationToken).ConfigureAwait(false);
            return new IssuedToken(token, resolved, ensured.Created);
        }

        /// <summary>The user as Qlik can look it up: unchanged with an id or subject; by email, the one matching user.</summary>
        public async Task<UserReference> ResolveAsync(UserReference user, CancellationToken cancellationToken)
        {
            if (user.IsResolved)
            {
                return user;
            }

            if (_directory is null)
            {
                throw new QlikValidationException(
                    "EmailNeedsSession",
                    $"Cannot look up the user with email '{user.Email}' without a session: connect with Connect-QlikTenant (an admin reads the users API), or name the user by -UserId or -Subject.",
                    user.Email);
            }

            QlikUser found;
            try
            {
                found = await UsersApi.FindByEmailAsync(_connection, _directory, user.Email!, cancellationToken).ConfigureAwait(false);
            }
            catch (QlikOAuthException missing) when (missing.ErrorId == UsersApiErrors.UserNotFoundByEmail)
            {
                throw new QlikOAuthException(missing.ErrorId, missing.Kind, missing.Message + " To create the user on first use, add -CreateMissingUser.", missing.Target, missing);
            }

            QlikLog.Verbose($"Email {user.Email} belongs to user {found.Id} ({found.Subject}).");
            return user.WithFound(found.Id, found.Subject);
        }

        /// <summary>Forgets a token the tenant refused, so the next call fetches a new one.</summary>
        public void Forget(AccessToken token) => _cache?.Remove(token);

        private Task<AccessToken> GetAsync(TokenRequest request, CancellationToken cancellationToken) =>
            _cache is null
                ? TokenClient.RequestAsync(_connection, request, _connection.Clock.GetUtcNow(), cancellationToken)
                : _cache.GetAsync(_connection, request, cancellationToken);
    }
}
