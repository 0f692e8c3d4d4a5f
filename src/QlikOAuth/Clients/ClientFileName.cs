using System.Text;

namespace QlikOAuth.Clients
{
    /// <summary>
    /// The file name of a client's definition: its name in lower case with every run of characters other than a-z,
    /// 0-9, '.', '_' and '-' made one '-', so it is the same on every file system (no case clash, no reserved
    /// character). "Embedded analytics" is embedded-analytics.json.
    /// </summary>
    internal static class ClientFileName
    {
        private const int MaxStemLength = 100;

        public static string Of(string? clientName)
        {
            var stem = new StringBuilder();
            foreach (char c in (clientName ?? string.Empty).ToLowerInvariant())
            {
                bool safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (safe)
                {
                    stem.Append(c);
                }
                else if (stem.Length > 0 && stem[stem.Length - 1] != '-')
                {
                    stem.Append('-');
                }
            }

            // No leading or trailing dots or dashes: a hidden file, or "name-.json".
            string text = stem.ToString().Trim('-', '.');
            if (text.Length > MaxStemLength)
            {
                text = text.Substring(0, MaxStemLength).TrimEnd('-', '.');
            }

            return (text.Length == 0 ? "client" : text) + ".json";
        }
    }
}
