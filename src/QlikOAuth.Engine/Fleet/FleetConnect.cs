using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Fleet
{
    /// <summary>Connects to many tenants with one credential, in parallel; a tenant that fails is its own outcome and the others connect.</summary>
    public static class FleetConnect
    {
        /// <param name="credentialFor">A credential per tenant: an OAuth client's token is one tenant's, and each session disposes its own.</param>
        public static async Task<IReadOnlyList<BatchOutcome<TenantSession>>> ConnectAsync(
            IReadOnlyList<Uri> tenantUrls,
            Func<ITenantCredential> credentialFor,
            QlikHttpOptions options,
            int throttleLimit,
            Action<int>? tenantDone,
            CancellationToken cancellationToken)
        {
            IReadOnlyList<BatchOutcome<TenantSession>> outcomes = await FleetRun.ForEachAsync(
                tenantUrls,
                throttleLimit,
                async (tenantUrl, token) =>
                {
                    try
                    {
                        return await TenantSession.ConnectAsync(tenantUrl, credentialFor(), options, null, token).ConfigureAwait(false);
                    }
                    catch (QlikOAuthException failure)
                    {
                        throw FleetRun.Naming(tenantUrl, failure);
                    }
                },
                tenantDone,
                cancellationToken).ConfigureAwait(false);
            return outcomes;
        }
    }
}
