namespace QlikOAuth.Engine.Csp
{
    /// <summary>Stable error ids of the CSP origin list; scripts and tests match on them.</summary>
    public static class CspErrors
    {
        public const string InvalidCspOrigin = "InvalidCspOrigin";
        public const string InvalidCspOriginId = "InvalidCspOriginId";
        public const string CspNameTooLong = "CspNameTooLong";
        public const string CspOriginLimitReached = "CspOriginLimitReached";
        public const string CspHeaderTooLong = "CspHeaderTooLong";
        public const string CspOriginNotFound = "CspOriginNotFound";
        public const string CspOriginExists = "CspOriginExists";
    }
}
