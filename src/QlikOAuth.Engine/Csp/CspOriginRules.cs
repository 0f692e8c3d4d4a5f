using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// The list's rules, checked before any request so a refusal names the fix: an origin is a host with an optional
    /// scheme and port (<c>custom-app.com</c>, <c>https://custom-app.com:8443</c>, <c>*.example.com</c>); at most 256
    /// entries; the generated header at most 6,144 characters.
    /// </summary>
    public static class CspOriginRules
    {
        public const int MaxEntries = 256;
        public const int MaxHeaderLength = 6144;
        public const int MaxNameLength = 256;

        /// <summary>The origin as the list keeps it (lower case), or an error that says what is wrong.</summary>
        public static string CheckOrigin(string? origin)
        {
            // The tenant takes a port, but not the any-port wildcard that CSP itself allows (and a tenant may list).
            if (!CspHostSource.TryRead(origin, out CspHostSource source) || source.AnyPort)
            {
                throw new QlikValidationException(
                    CspErrors.InvalidCspOrigin,
                    $"'{origin}' is not a CSP origin. Give a host with an optional scheme and port, such as https://custom-app.com or custom-app.com:8443, with no path, query or trailing slash.",
                    origin);
            }

            return origin!.Trim().ToLowerInvariant();
        }
    }
}
