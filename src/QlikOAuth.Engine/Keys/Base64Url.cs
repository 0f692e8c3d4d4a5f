using Microsoft.IdentityModel.Tokens;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Base64url without padding (RFC 7515 section 2), as JWK members and JWS parts use it; IdentityModel's codec.</summary>
    internal static class Base64Url
    {
        public static string Encode(byte[] data) => Base64UrlEncoder.Encode(data);

        /// <summary>
        /// Strict: refuses padding, whitespace and the standard alphabet's '+' and '/', returning null. JWK members
        /// must be exactly RFC 7515's form; that is checked here rather than left to the decoder's tolerance.
        /// </summary>
        public static byte[]? TryDecode(string text)
        {
            if (text.Length % 4 == 1)
            {
                return null;
            }

            foreach (var c in text)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                {
                    return null;
                }
            }

            return Base64UrlEncoder.DecodeBytes(text);
        }
    }
}
