using System;
using System.Collections.Generic;
using System.Linq;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// What the tenant's whole CSP list gives one browser origin. The generated header has one directive per flag,
    /// listing every entry that sets it, so an origin has a directive when any entry that admits it sets that flag:
    /// one entry may give frame-ancestors and another connect-src. Entries the module cannot read as a host-source
    /// are kept apart, to be named, never guessed at.
    /// </summary>
    internal sealed class CspCoverage
    {
        private CspCoverage(IReadOnlyList<CspOrigin> admitting, IReadOnlyList<CspOrigin> unreadable)
        {
            Admitting = admitting;
            Unreadable = unreadable;
            Directives = admitting.Aggregate(CspDirectives.None, (all, entry) => all | entry.Directives);
        }

        /// <summary>The entries that admit the origin, the narrowest first (see <see cref="CspHostSource.Breadth"/>), else in list order.</summary>
        public IReadOnlyList<CspOrigin> Admitting { get; }

        public IReadOnlyList<CspOrigin> Unreadable { get; }

        /// <summary>Every directive some admitting entry sets.</summary>
        public CspDirectives Directives { get; }

        /// <summary>The entry a missing directive is best added to: the narrowest that admits the origin; null when none does.</summary>
        public CspOrigin? EntryToWiden => Admitting.FirstOrDefault();

        public bool Allows(CspDirectives directive) => (Directives & directive) == directive;

        public static CspCoverage Of(IEnumerable<CspOrigin> entries, Uri browserOrigin)
        {
            var admitting = new List<(CspOrigin Entry, int Breadth)>();
            var unreadable = new List<CspOrigin>();
            foreach (CspOrigin entry in entries)
            {
                if (!CspHostSource.TryRead(entry.Origin, out CspHostSource source))
                {
                    unreadable.Add(entry);
                }
                else if (source.Admits(browserOrigin))
                {
                    admitting.Add((entry, source.Breadth));
                }
            }

            // OrderBy is stable: entries of one breadth keep the list's order.
            return new CspCoverage(admitting.OrderBy(a => a.Breadth).Select(a => a.Entry).ToList(), unreadable);
        }

        /// <summary>"[::1] (id 65f…), example.com:abc (id 660…)": each entry as the user finds it in Get-QlikCspOrigin.</summary>
        public static string Name(IEnumerable<CspOrigin> entries) => string.Join(", ", entries.Select(entry => $"{entry.Origin} (id {entry.Id})"));
    }
}
