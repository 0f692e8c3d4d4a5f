using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Csp;

/// <summary>
/// The filters and sort of <c>GET /api/v1/csp-origins</c>: <c>origin</c> (exact, case-insensitive), <c>name</c>
/// (<c>*</c> wildcards, case-insensitive), one boolean per directive, <c>sort</c> as <c>[+|-]field</c>.
/// </summary>
internal sealed class ListQuery
{
    private readonly List<Func<CspOrigin, bool>> _filters = [];
    private string _sortField = "";
    private bool _descending;

    public static ListQuery? TryParse(ApiRequest request, string[] sortFields, out string error)
    {
        error = "";
        var query = new ListQuery();
        if (request.Query("origin") is { } origin)
        {
            query._filters.Add(e => string.Equals(e.Spec.Origin, origin, StringComparison.OrdinalIgnoreCase));
        }
        if (request.Query("name") is { } name)
        {
            var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(name).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
            query._filters.Add(e => System.Text.RegularExpressions.Regex.IsMatch(e.Spec.Name ?? "", pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        }
        foreach (var field in CspDirectives.Fields)
        {
            if (request.Query(field) is not { } text)
            {
                continue;
            }
            if (!bool.TryParse(text, out var wanted))
            {
                error = $"{field} must be true or false";
                return null;
            }
            query._filters.Add(e => e.Spec.Directives.Contains(field) == wanted);
        }
        if (request.Query("sort") is { } sort)
        {
            query._descending = sort.StartsWith('-');
            query._sortField = sort.TrimStart('+', '-');
            if (!sortFields.Contains(query._sortField))
            {
                error = $"sort must be one of {string.Join(", ", sortFields)}, optionally prefixed by + or -";
                return null;
            }
        }
        return query;
    }

    public bool Matches(CspOrigin entry) => _filters.TrueForAll(f => f(entry));

    public IEnumerable<CspOrigin> Sort(IEnumerable<CspOrigin> entries)
    {
        Func<CspOrigin, string> key = _sortField switch
        {
            "origin" => e => e.Spec.Origin,
            "name" => e => e.Spec.Name ?? "",
            "createdDate" => e => JsonBody.Format(e.CreatedDate) + e.Sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture),
            "modifiedDate" => e => JsonBody.Format(e.ModifiedDate),
            _ => e => e.Sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture),
        };
        return _descending ? entries.OrderByDescending(key, StringComparer.Ordinal) : entries.OrderBy(key, StringComparer.Ordinal);
    }
}
