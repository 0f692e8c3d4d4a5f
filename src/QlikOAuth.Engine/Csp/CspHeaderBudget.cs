using System.Linq;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// How much longer the generated header gets when an origin joins directives: one space and the source per
    /// directive already in the header, the whole directive (<c>name 'self' source; </c>) for a new one. Qlik's exact
    /// layout is unconfirmed, so this is an estimate that lets the module refuse before the call; the tenant stays the
    /// judge of the last few characters.
    /// </summary>
    internal static class CspHeaderBudget
    {
        public static int Growth(string currentHeader, string origin, CspDirectives added)
        {
            int growth = 0;
            foreach (var group in CspDirectiveNames.All.Where(d => (added & d.Directive) != 0).GroupBy(d => d.Header))
            {
                foreach (var directive in group)
                {
                    string source = directive.Directive == CspDirectives.ConnectSrcWss ? "wss://" + StripScheme(origin) : origin;
                    growth += 1 + source.Length;
                }

                if (currentHeader.IndexOf(group.Key + " ", System.StringComparison.Ordinal) < 0)
                {
                    growth += group.Key.Length + " 'self'".Length + "; ".Length;
                }
            }

            return growth;
        }

        private static string StripScheme(string origin)
        {
            int at = origin.IndexOf("://", System.StringComparison.Ordinal);
            return at < 0 ? origin : origin.Substring(at + 3);
        }
    }
}
