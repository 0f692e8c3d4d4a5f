namespace QlikCloud.Emulator.State;

/// <summary>One entry of the tenant's Content Security Policy list, already validated (see Csp/CspOriginValidator).</summary>
internal sealed class CspOrigin
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required CspOriginSpec Spec { get; set; }
    public DateTimeOffset ModifiedDate { get; set; }
}

/// <summary>The writable fields of an entry: the origin, its name and description, and the directives it is allowed in.</summary>
internal sealed record CspOriginSpec(string Origin, string? Name, string? Description, IReadOnlySet<string> Directives);
