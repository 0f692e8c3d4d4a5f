using System;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>One entry of the tenant's Content Security Policy list as the csp-origins API shows it.</summary>
    public sealed class CspOrigin
    {
        public string Id { get; set; } = "";
        public string Origin { get; set; } = "";
        public string? Name { get; set; }
        public string? Description { get; set; }
        public CspDirectives Directives { get; set; }
        public DateTimeOffset? CreatedDate { get; set; }
        public DateTimeOffset? ModifiedDate { get; set; }

        public bool Allows(CspDirectives directives) => (Directives & directives) == directives;

        public override string ToString() => $"{Origin} ({CspDirectiveNames.Describe(Directives)})";
    }
}
