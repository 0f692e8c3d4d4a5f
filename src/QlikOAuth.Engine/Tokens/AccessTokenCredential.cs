using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// REST calls made as an issued token. With an issuer it can replace a refused token once (the connection
    /// asks for that on a 401): the refused one leaves the cache and a new one is fetched. Without, it cannot.
    /// </summary>
    public sealed class AccessTokenCredential : ITenantCredential
    {
        private readonly TokenIssuer? _issuer;
        private readonly UserReference? _user;
        private AccessToken _token;

        /// <summary>A fixed token (Invoke-QlikRestMethod -AccessToken): a 401 is final.</summary>
        public AccessTokenCredential(AccessToken token) => _token = token;

        /// <summary>A token the issuer can replace: M2M when <paramref name="user"/> is null, else impersonation.</summary>
        public AccessTokenCredential(AccessToken token, TokenIssuer issuer, UserReference? user)
        {
            _token = token;
            _issuer = issuer;
            _user = user;
        }

        public AccessToken Token => _token;

        public string Description => $"access token of client {_token.ClientId}";

        public bool CanRefresh => _issuer != null;

        public async Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken)
        {
            if (refresh && _issuer != null)
            {
                QlikLog.Verbose($"The tenant refused the token of client {_token.ClientId}; dropping it from the cache and getting a new one.");
                _issuer.Forget(_token);
                _token = _user is null
                    ? await _issuer.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false)
                    : (await _issuer.GetImpersonationTokenAsync(_user, cancellationToken).ConfigureAwait(false)).Token;
            }

            return _token.Value;
        }

        public override string ToString() => Description;
    }
}
