namespace QlikOAuth.Engine.Csp
{
    /// <summary>The writable fields of a CSP origin entry. A PUT replaces them all: a directive not set is turned off.</summary>
    public sealed class CspOriginSpec
    {
        public CspOriginSpec(string origin, CspDirectives directives, string? name = null, string? description = null)
        {
            Origin = origin;
            Directives = directives;
            Name = name;
            Description = description;
        }

        public string Origin { get; }
        public CspDirectives Directives { get; }
        public string? Name { get; }
        public string? Description { get; }
    }
}
