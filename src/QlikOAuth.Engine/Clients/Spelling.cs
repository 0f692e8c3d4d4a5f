using System;
using System.Collections.Generic;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>The "did you mean" of a refused word: the known word nearest to a typo, if one is near enough to be the intent.</summary>
    public static class Spelling
    {
        /// <summary>
        /// The candidate with the fewest edits from <paramref name="typed"/>, when at most a third of its letters differ.
        /// Case is ignored in the count, so a miscased word gets its right spelling back (scopes are case-sensitive).
        /// </summary>
        public static string? Closest(string typed, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates)
            {
                int distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (candidate, distance);
                }
            }

            return best != null && bestDistance <= Math.Max(1, best.Length / 3) ? best : null;
        }

        // Optimal string alignment distance: a swapped pair of letters ("defualt") counts as one edit, as typists make it.
        private static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
