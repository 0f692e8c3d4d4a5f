namespace QlikCloud.Emulator.Csp;

/// <summary>The directive flags of a CSP origin entry, in the API's order, and the header directive each one feeds.</summary>
internal static class CspDirectives
{
    public static readonly IReadOnlyList<(string Field, string Header)> All =
    [
        ("childSrc", "child-src"),
        ("connectSrc", "connect-src"),
        ("connectSrcWSS", "connect-src"),
        ("fontSrc", "font-src"),
        ("formAction", "form-action"),
        ("frameAncestors", "frame-ancestors"),
        ("frameSrc", "frame-src"),
        ("imgSrc", "img-src"),
        ("mediaSrc", "media-src"),
        ("objectSrc", "object-src"),
        ("scriptSrc", "script-src"),
        ("styleSrc", "style-src"),
        ("workerSrc", "worker-src"),
    ];

    public static readonly IReadOnlySet<string> Fields = All.Select(d => d.Field).ToHashSet(StringComparer.Ordinal);
}
