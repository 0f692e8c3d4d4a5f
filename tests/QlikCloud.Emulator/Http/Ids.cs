using System.Security.Cryptography;

namespace QlikCloud.Emulator.Http;

/// <summary>Random identifiers in the shapes Qlik uses.</summary>
internal static class Ids
{
    /// <summary>32 lowercase hex characters, the shape of a Qlik OAuth client id.</summary>
    public static string ClientId() => Hex(16);

    /// <summary>24 hex characters, the shape of a Qlik user id.</summary>
    public static string UserId() => Hex(12);

    public static string TraceId() => Hex(16);

    /// <summary>24 hex characters: the id the oauth-tokens API lists a token by (never the token itself).</summary>
    public static string TokenId() => Hex(12);

    /// <summary>24 hex characters, the id of a CSP origin entry.</summary>
    public static string CspOriginId() => Hex(12);

    /// <summary>64 random bytes, base64url: long and opaque like Qlik's client secrets.</summary>
    public static string Secret() => Base64Url.Encode(RandomNumberGenerator.GetBytes(48));

    /// <summary>Opaque access token: callers must never parse it.</summary>
    public static string AccessToken() => Base64Url.Encode(RandomNumberGenerator.GetBytes(48));

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
