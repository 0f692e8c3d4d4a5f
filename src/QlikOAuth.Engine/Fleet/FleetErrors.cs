namespace QlikOAuth.Engine.Fleet
{
    /// <summary>The error ids of work across tenants.</summary>
    public static class FleetErrors
    {
        /// <summary>The one error of a tenant whose sync stopped (its plan or an apply step failed for the tenant as a whole).</summary>
        public const string SyncTenantFailed = "SyncTenantFailed";
    }
}
