using System.Security.Cryptography;
using System.Text;
using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.Authorize;

/// <summary>RFC 7636 with S256, the only method section 8.2 allows.</summary>
internal static class Pkce
{
    public static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>43 to 128 of <c>A-Z a-z 0-9 - . _ ~</c>.</summary>
    public static bool IsVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool Matches(string verifier, string challenge) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
            Encoding.ASCII.GetBytes(challenge));
}
