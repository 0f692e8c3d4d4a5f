using System;
using QlikOAuth.Engine.Csp;

namespace QlikOAuth
{
    /// <summary>
    /// One entry of the tenant's Content Security Policy list: an origin and the directives it is allowed in. Pipe it
    /// to Set-QlikCspOrigin or Remove-QlikCspOrigin (they bind <see cref="Id"/>).
    /// </summary>
    public sealed class QlikCspOrigin
    {
        internal QlikCspOrigin(CspOrigin entry, QlikSession session)
        {
            Id = entry.Id;
            Origin = entry.Origin;
            Name = entry.Name;
            Description = entry.Description;
            Directives = CspDirectiveNames.Describe(entry.Directives);
            FrameAncestors = entry.Allows(CspDirectives.FrameAncestors);
            ConnectSrc = entry.Allows(CspDirectives.ConnectSrc);
            CreatedDate = entry.CreatedDate;
            ModifiedDate = entry.ModifiedDate;
            Session = new QlikSessionReference(session);
        }

        public string Id { get; }
        public string Origin { get; }
        public string? Name { get; }
        public string? Description { get; }

        /// <summary>
        /// The directives the origin is allowed in, such as "FrameAncestors, ConnectSrc". Text, not the engine's enum:
        /// a value-type field of an engine type would make this type unloadable before the module's resolver is in place.
        /// </summary>
        public string Directives { get; }

        /// <summary>Qlik content may be embedded in this origin's iframes.</summary>
        public bool FrameAncestors { get; }

        /// <summary>Qlik content may connect to this origin.</summary>
        public bool ConnectSrc { get; }

        public DateTimeOffset? CreatedDate { get; }
        public DateTimeOffset? ModifiedDate { get; }
        public QlikSessionReference Session { get; }

        public override string ToString() => $"{Origin} ({Directives})";
    }
}
