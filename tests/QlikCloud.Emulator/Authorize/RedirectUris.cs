using System.Net;

namespace QlikCloud.Emulator.Authorize;

/// <summary>Matching a requested redirect URI to a client's registered ones, and building the redirect back.</summary>
internal static class RedirectUris
{
    /// <summary>
    /// Exact string match (section 8.1). With <paramref name="anyLoopbackPort"/> (unconfirmed, see
    /// EmulatorOptions.AcceptAnyLoopbackPort) an http loopback URI may differ from a registered one in its port only.
    /// </summary>
    public static bool IsRegistered(IReadOnlyList<string> registered, string requested, bool anyLoopbackPort)
    {
        if (registered.Contains(requested, StringComparer.Ordinal))
        {
            return true;
        }
        if (!anyLoopbackPort || !TryLoopback(requested, out var asked))
        {
            return false;
        }
        return registered.Any(uri => TryLoopback(uri, out var known)
            && string.Equals(known.Host, asked.Host, StringComparison.OrdinalIgnoreCase)
            && known.PathAndQuery == asked.PathAndQuery);
    }

    /// <summary>The redirect URI with <paramref name="parameters"/> added to its query (absent values left out).</summary>
    public static string With(string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={WebUtility.UrlEncode(p.Value)}"));
        return redirectUri + (redirectUri.Contains('?') ? "&" : "?") + query;
    }

    private static bool TryLoopback(string text, out Uri uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri!) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
