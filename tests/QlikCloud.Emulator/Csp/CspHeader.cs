using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Csp;

/// <summary>
/// The Content-Security-Policy header the list produces: one directive per flag in use, <c>'self'</c> then the
/// origins that set it (wss:// for connectSrcWSS). The exact layout is unconfirmed; its length is what the
/// 6,144-character limit is checked against.
/// </summary>
internal static class CspHeader
{
    public const int MaxLength = 6144;

    public static string Generate(IEnumerable<CspOriginSpec> entries)
    {
        var list = entries.ToList();
        var directives = new List<string>();
        foreach (var header in CspDirectives.All.Select(d => d.Header).Distinct())
        {
            var sources = CspDirectives.All.Where(d => d.Header == header)
                .SelectMany(d => list.Where(e => e.Directives.Contains(d.Field)).Select(e => Source(e.Origin, d.Field)))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (sources.Count > 0)
            {
                directives.Add($"{header} 'self' {string.Join(' ', sources)}");
            }
        }
        return string.Join("; ", directives);
    }

    private static string Source(string origin, string field) =>
        field == "connectSrcWSS" ? "wss://" + (origin.Contains("://", StringComparison.Ordinal) ? origin[(origin.IndexOf("://", StringComparison.Ordinal) + 3)..] : origin) : origin;
}
