using System;
using System.Linq;
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

        private static readonly string[] Schemes = { "http://", "https://", "ws://", "wss://" };

        /// <summary>The origin as the list keeps it (lower case), or an error that says what is wrong.</summary>
        public static string CheckOrigin(string? origin)
        {
            string text = origin?.Trim() ?? string.Empty;
            string? scheme = Schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
            string hostAndPort = scheme is null ? text : text.Substring(scheme.Length);
            int colon = hostAndPort.LastIndexOf(':');
            string host = colon < 0 ? hostAndPort : hostAndPort.Substring(0, colon);
            bool portValid = colon < 0 || (int.TryParse(hostAndPort.Substring(colon + 1), out int port) && port > 0 && port <= 65535 && hostAndPort.Substring(colon + 1).All(char.IsDigit));
            string bareHost = host.StartsWith("*.", StringComparison.Ordinal) ? host.Substring(2) : host;
            if (!portValid || bareHost.Length == 0 || !bareHost.Split('.').All(IsLabel))
            {
                throw new QlikValidationException(
                    CspErrors.InvalidCspOrigin,
                    $"'{origin}' is not a CSP origin. Give a host with an optional scheme and port, such as https://custom-app.com or custom-app.com:8443, with no path, query or trailing slash.",
                    origin);
            }

            return text.ToLowerInvariant();
        }

        /// <summary>Whether an entry admits the Origin a browser sends: no scheme means http or https, no port the scheme's default, <c>*.</c> any subdomain (CSP host-source rules).</summary>
        internal static bool Admits(string entry, Uri browserOrigin)
        {
            string? scheme = Schemes.FirstOrDefault(s => entry.StartsWith(s, StringComparison.OrdinalIgnoreCase));
            if (scheme is null ? browserOrigin.Scheme != "http" && browserOrigin.Scheme != "https" : !scheme.StartsWith(browserOrigin.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            string hostAndPort = scheme is null ? entry : entry.Substring(scheme.Length);
            int colon = hostAndPort.LastIndexOf(':');
            string host = colon < 0 ? hostAndPort : hostAndPort.Substring(0, colon);
            int port = colon < 0 ? (browserOrigin.Scheme == "https" ? 443 : 80) : int.Parse(hostAndPort.Substring(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
            bool hostMatches = host.StartsWith("*.", StringComparison.Ordinal)
                ? browserOrigin.Host.EndsWith(host.Substring(1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, browserOrigin.Host, StringComparison.OrdinalIgnoreCase);
            return hostMatches && port == browserOrigin.Port;
        }

        private static bool IsLabel(string label) =>
            label.Length > 0 && label.Length <= 63 && label.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
            && label[0] != '-' && label[label.Length - 1] != '-';
    }
}
