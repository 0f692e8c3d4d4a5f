namespace QlikCloud.Emulator.Http;

/// <summary>Who may call a route.</summary>
internal enum Access
{
    Anonymous,
    AnyUser,
    TenantAdmin,
}

/// <summary>One method + path template (<c>{name}</c> segments capture) and its handler.</summary>
internal sealed class ApiRoute(string method, string template, Access access, Func<ApiRequest, Reply> handler)
{
    private readonly string[] _segments = template.Trim('/').Split('/');

    public string Method { get; } = method;
    public Access Access { get; } = access;
    public Func<ApiRequest, Reply> Handler { get; } = handler;

    /// <summary>Matches the path segment by segment; captured values are URL-decoded.</summary>
    public bool TryMatch(string[] pathSegments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pathSegments.Length != _segments.Length)
        {
            return false;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            var pattern = _segments[i];
            if (pattern.StartsWith('{'))
            {
                if (pathSegments[i].Length == 0)
                {
                    return false;
                }
                values[pattern[1..^1]] = Uri.UnescapeDataString(pathSegments[i]);
            }
            else if (!string.Equals(pattern, pathSegments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
