using System;
using System.Linq;
using System.Text;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The file name of a client's definition: its name in lower case with every run of characters other than a-z,
    /// 0-9, '.', '_' and '-' made one '-', so it is the same on every file system (no case clash, no reserved
    /// character, no Windows device name). "Embedded analytics" is embedded-analytics.json.
    /// </summary>
    public static class ClientFileName
    {
        private const int MaxStemLength = 100;

        // Windows opens the device, not a file, for these names followed by any extension ("nul.txt-client.json" is
        // NUL): what counts is the part before the first dot. COM0 and LPT0 are on the list since Windows 11.
        private static readonly string[] DeviceNames =
        {
            "con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
        };

        /// <summary>
        /// The folder of one tenant's definitions when a fleet is exported to one -Path: the tenant's host in lower case,
        /// and its port when not the scheme's own ("acme.eu.qlikcloud.com", "127.0.0.1_5001"), so no tenant's files
        /// overwrite another's and a folder says which tenant it holds.
        /// </summary>
        public static string FolderOf(Uri tenantUrl)
        {
            string host = new string(tenantUrl.Host.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' ? c : '-').ToArray()).Trim('-');
            return tenantUrl.IsDefaultPort ? host : $"{host}_{tenantUrl.Port}";
        }

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

            if (text.Length == 0)
            {
                text = "client";
            }
            else
            {
                int firstDot = text.IndexOf('.');
                string beforeFirstDot = firstDot < 0 ? text : text.Substring(0, firstDot);
                if (DeviceNames.Contains(beforeFirstDot, StringComparer.Ordinal))
                {
                    text = beforeFirstDot + "-client" + text.Substring(beforeFirstDot.Length);
                }
            }

            return text + ".json";
        }
    }
}
