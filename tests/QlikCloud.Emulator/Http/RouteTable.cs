namespace QlikCloud.Emulator.Http;

/// <summary>
/// Resolves a request to a route. Kept by hand rather than ASP.NET endpoint routing so that unknown paths and
/// wrong methods answer with Qlik's error body (404 / 405) instead of an empty framework response.
/// </summary>
internal sealed class RouteTable(IEnumerable<ApiRoute> routes)
{
    private readonly List<ApiRoute> _routes = [.. routes];

    public RouteMatch Match(string method, string path)
    {
        // Strict paths: a trailing slash or an empty segment ("//") is a client bug worth a 404, not a guess.
        var segments = path.TrimStart('/').Split('/');
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || segments.Any(s => s.Length == 0))
        {
            return RouteMatch.NotFound;
        }
        // Literal segments win over captures, so /users/me never reaches /users/{id}.
        var candidates = _routes
            .Select(r => (Route: r, Matched: r.TryMatch(segments, out var values), Values: values))
            .Where(c => c.Matched)
            .OrderBy(c => c.Values.Count)
            .ToList();
        if (candidates.Count == 0)
        {
            return RouteMatch.NotFound;
        }
        var fewestCaptures = candidates[0].Values.Count;
        var sameShape = candidates.Where(c => c.Values.Count == fewestCaptures).ToList();
        var hit = sameShape.FirstOrDefault(c => string.Equals(c.Route.Method, method, StringComparison.OrdinalIgnoreCase));
        if (hit.Route is not null)
        {
            return new RouteMatch(hit.Route, hit.Values, []);
        }
        // A more specific shape exists for this path (e.g. /users/me): other methods are 405 there, not a capture match.
        return new RouteMatch(null, hit.Values ?? [], [.. sameShape.Select(c => c.Route.Method).Distinct()]);
    }
}

internal sealed record RouteMatch(ApiRoute? Route, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> AllowedMethods)
{
    public static readonly RouteMatch NotFound = new(null, new Dictionary<string, string>(), []);

    public bool IsNotFound => Route is null && AllowedMethods.Count == 0;
}
