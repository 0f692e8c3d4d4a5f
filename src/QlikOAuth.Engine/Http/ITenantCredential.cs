using System.Threading;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.Http
{
    /// <summary>What a session's REST calls act as: an API key, or an admin OAuth client's token.</summary>
    public interface ITenantCredential
    {
        /// <summary>"API key" or "OAuth client &lt;id&gt;": for display, never a secret.</summary>
        string Description { get; }

        /// <summary>True when a refused bearer can be replaced by a fresh one (an OAuth token can, an API key cannot).</summary>
        bool CanRefresh { get; }

        /// <summary>The bearer value for the Authorization header; <paramref name="refresh"/> forces a new one.</summary>
        Task<string> GetBearerAsync(QlikConnection connection, bool refresh, CancellationToken cancellationToken);
    }
}
