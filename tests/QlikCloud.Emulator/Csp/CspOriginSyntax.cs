using System.Text.RegularExpressions;

namespace QlikCloud.Emulator.Csp;

/// <summary>
/// What a CSP origin entry may say: a host with an optional scheme and port, nothing after it
/// (<c>custom-app.com</c>, <c>https://custom-app.com</c>, <c>http://127.0.0.1:8080</c>, <c>*.example.com</c>), and
/// whether such an entry admits the Origin header a browser sends (<c>scheme://host[:port]</c>).
/// </summary>
internal static partial class CspOriginSyntax
{
    [GeneratedRegex(@"^(?:(?<scheme>https?|wss?)://)?(?<host>(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)(?::(?<port>[0-9]{1,5}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Entry();

    public static bool IsValid(string origin) =>
        Entry().Match(origin) is { Success: true } match && (!match.Groups["port"].Success || int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 65535);

    /// <summary>Lower-cased, so that two spellings of one origin are one entry.</summary>
    public static string Normalize(string origin) => origin.ToLowerInvariant();

    /// <summary>
    /// An entry without a scheme admits http and https; without a port, the scheme's default port; a leading
    /// <c>*.</c> admits any subdomain (CSP host-source rules).
    /// </summary>
    public static bool Admits(string entry, string browserOrigin)
    {
        if (Entry().Match(entry) is not { Success: true } match || !Uri.TryCreate(browserOrigin, UriKind.Absolute, out var origin))
        {
            return false;
        }
        var scheme = match.Groups["scheme"].Success ? match.Groups["scheme"].Value : null;
        if (scheme is null ? origin.Scheme is not ("http" or "https") : !string.Equals(scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if ((port ?? DefaultPort(origin.Scheme)) != origin.Port)
        {
            return false;
        }
        var host = match.Groups["host"].Value;
        return host.StartsWith("*.", StringComparison.Ordinal)
            ? origin.Host.EndsWith(host[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, origin.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;
}
