using System;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Engine.Fleet
{
    /// <summary>One tenant of a fleet sync: where it is, its clients API, and the client its session signs in with (never pruned).</summary>
    public sealed class SyncTenant
    {
        public SyncTenant(Uri tenantUrl, ClientProvisioner provisioner, string? sessionClientId)
        {
            TenantUrl = tenantUrl;
            Provisioner = provisioner;
            SessionClientId = sessionClientId;
        }

        public Uri TenantUrl { get; }

        public ClientProvisioner Provisioner { get; }

        public string? SessionClientId { get; }
    }
}
