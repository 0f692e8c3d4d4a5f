using System;
using System.Collections.Generic;
using System.Text;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>One "-----BEGIN label-----" ... "-----END label-----" block of a PEM text (RFC 7468).</summary>
    internal sealed class PemBlock
    {
        public PemBlock(string label, string body)
        {
            Label = label;
            Body = body;
        }

        public string Label { get; }

        /// <summary>The base64 between the markers, whitespace included.</summary>
        public string Body { get; }

        /// <summary>RFC 1421 headers ("Proc-Type: 4,ENCRYPTED"): OpenSSL's legacy encryption of PKCS#1/SEC1 keys.</summary>
        public bool HasHeaders => Body.IndexOf(':') >= 0;

        /// <summary>The DER bytes, or null when the body is not base64. The caller clears private key bytes.</summary>
        public byte[]? Decode()
        {
            var compact = new StringBuilder(Body.Length);
            foreach (var c in Body)
            {
                if (!char.IsWhiteSpace(c))
                {
                    compact.Append(c);
                }
            }

            try
            {
                return Convert.FromBase64String(compact.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    internal static class Pem
    {
        private const string BeginMarker = "-----BEGIN ";
        private const string Dashes = "-----";

        /// <summary>Every complete block in order; text around blocks (OpenSSL's "Bag Attributes" and comments) is ignored.</summary>
        public static IReadOnlyList<PemBlock> Parse(string text)
        {
            var blocks = new List<PemBlock>();
            var position = 0;
            while (true)
            {
                var begin = text.IndexOf(BeginMarker, position, StringComparison.Ordinal);
                if (begin < 0)
                {
                    return blocks;
                }

                var labelStart = begin + BeginMarker.Length;
                var labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
                if (labelEnd < 0)
                {
                    return blocks;
                }

                var label = text.Substring(labelStart, labelEnd - labelStart);
                var endMarker = "-----END " + label + Dashes;
                var bodyStart = labelEnd + Dashes.Length;
                var end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
                if (end < 0)
                {
                    return blocks;
                }

                blocks.Add(new PemBlock(label, text.Substring(bodyStart, end - bodyStart)));
                position = end + endMarker.Length;
            }
        }

        /// <summary>RFC 7468 strict form: 64-character lines, LF endings, a final newline.</summary>
        public static string Write(string label, byte[] der)
        {
            var base64 = Convert.ToBase64String(der);
            var text = new StringBuilder(base64.Length + (base64.Length / 64) + (2 * label.Length) + 40);
            text.Append(BeginMarker).Append(label).Append(Dashes).Append('\n');
            for (var i = 0; i < base64.Length; i += 64)
            {
                text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }

            text.Append("-----END ").Append(label).Append(Dashes).Append('\n');
            return text.ToString();
        }
    }
}
