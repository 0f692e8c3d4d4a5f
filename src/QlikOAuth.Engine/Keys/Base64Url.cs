using System;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Base64url without padding (RFC 7515 section 2), as JWK members and JWS parts use it.</summary>
    internal static class Base64Url
    {
        public static string Encode(byte[] data) =>
            Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        /// <summary>Strict: refuses padding, whitespace and the standard alphabet's '+' and '/', returning null.</summary>
        public static byte[]? TryDecode(string text)
        {
            if (text.Length % 4 == 1)
            {
                return null;
            }

            var chars = new char[text.Length + ((4 - (text.Length % 4)) % 4)];
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '-')
                {
                    c = '+';
                }
                else if (c == '_')
                {
                    c = '/';
                }
                else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                {
                    return null;
                }

                chars[i] = c;
            }

            for (var i = text.Length; i < chars.Length; i++)
            {
                chars[i] = '=';
            }

            try
            {
                return Convert.FromBase64CharArray(chars, 0, chars.Length);
            }
            catch (FormatException)
            {
                return null;
            }
            finally
            {
                // The text may be a private key member (d, p, q ...): do not leave a second copy behind.
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
