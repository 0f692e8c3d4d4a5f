using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.Http
{
    /// <summary>A tenant API key: sent as a bearer as it is; it acts as the TenantAdmin who made it.</summary>
    public sealed class ApiKeyCredential : ITenantCredential
    {
        private readonly SecureString _apiKey;

        public ApiKeyCredential(SecureString apiKey)
        {
            _apiKey = apiKey.Copy();
            _apiKey.MakeReadOnly();
        }

        public string Description => "API key";

        public bool CanRefresh => false;

        public Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken) =>
            Task.FromResult(SecretText.Reveal(_apiKey));

        public override string ToString() => Description;
    }
}
