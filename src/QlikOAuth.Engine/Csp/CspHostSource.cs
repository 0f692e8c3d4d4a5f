using System;
using System.Linq;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// A CSP list entry read as the host-source it becomes in the generated header: an optional scheme, a host
    /// (<c>*.</c> for any subdomain) and an optional port (<c>*</c> for any). What it admits follows CSP's matching:
    /// no scheme means http or https, no port the scheme's default port.
    /// </summary>
    internal sealed class CspHostSource
    {
        private static readonly string[] Schemes = { "http://", "https://", "ws://", "wss://" };

        private readonly string? _scheme;
        private readonly string _host;
        private readonly int? _port;

        private CspHostSource(string? scheme, string host, int? port, bool anyPort)
        {
            _scheme = scheme;
            _host = host;
            _port = port;
            AnyPort = anyPort;
        }

        /// <summary>The entry says <c>:*</c>: any port.</summary>
        public bool AnyPort { get; }

        /// <summary>The entry says <c>*.host</c>: any subdomain.</summary>
        public bool AnySubdomain => _host.StartsWith("*.", StringComparison.Ordinal);

        /// <summary>
        /// How much more than one origin the entry admits (0: the origin alone); of several entries that admit an
        /// origin, the narrowest is the one to widen, so that a fix does not open every subdomain or port.
        /// </summary>
        public int Breadth => (AnySubdomain ? 2 : 0) + (AnyPort ? 1 : 0);

        /// <summary>False for anything else, such as an IPv6 literal (<c>[::1]</c>), which CSP host-sources cannot name, or a path.</summary>
        public static bool TryRead(string? entry, out CspHostSource source)
        {
            source = null!;
            string text = entry?.Trim() ?? string.Empty;
            string? scheme = Schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
            string hostAndPort = scheme is null ? text : text.Substring(scheme.Length);
            int colon = hostAndPort.LastIndexOf(':');
            string host = colon < 0 ? hostAndPort : hostAndPort.Substring(0, colon);
            string? portText = colon < 0 ? null : hostAndPort.Substring(colon + 1);
            bool anyPort = portText == "*";
            int? port = null;
            if (portText != null && !anyPort)
            {
                if (portText.Length == 0 || portText.Length > 5 || !portText.All(c => c >= '0' && c <= '9')
                    || !int.TryParse(portText, out int number) || number < 1 || number > 65535)
                {
                    return false;
                }

                port = number;
            }

            string bareHost = host.StartsWith("*.", StringComparison.Ordinal) ? host.Substring(2) : host;
            if (bareHost.Length == 0 || !bareHost.Split('.').All(IsLabel))
            {
                return false;
            }

            source = new CspHostSource(scheme?.Substring(0, scheme.Length - 3).ToLowerInvariant(), host, port, anyPort);
            return true;
        }

        /// <summary>Whether the Origin a browser sends (scheme://host[:port]) matches.</summary>
        public bool Admits(Uri browserOrigin)
        {
            bool schemeMatches = _scheme is null
                ? browserOrigin.Scheme == "http" || browserOrigin.Scheme == "https"
                : _scheme == browserOrigin.Scheme;
            bool portMatches = AnyPort || (_port ?? (browserOrigin.Scheme == "https" ? 443 : 80)) == browserOrigin.Port;
            bool hostMatches = AnySubdomain
                ? browserOrigin.Host.EndsWith(_host.Substring(1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(_host, browserOrigin.Host, StringComparison.OrdinalIgnoreCase);
            return schemeMatches && portMatches && hostMatches;
        }

        private static bool IsLabel(string label) =>
            label.Length > 0 && label.Length <= 63 && label.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
            && label[0] != '-' && label[label.Length - 1] != '-';
    }
}
