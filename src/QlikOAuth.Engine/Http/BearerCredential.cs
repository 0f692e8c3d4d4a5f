using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.Http
{
    /// <summary>A bearer token the caller brought as a SecureString: sent as it is, and a 401 is final.</summary>
    public sealed class BearerCredential : ITenantCredential
    {
        private readonly SecureString _token;

        public BearerCredential(SecureString token)
        {
            _token = token.Copy();
            _token.MakeReadOnly();
        }

        public string Description => "access token";

        public bool CanRefresh => false;

        public Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken) =>
            Task.FromResult(SecretText.Reveal(_token));

        public override string ToString() => Description;
    }
}
