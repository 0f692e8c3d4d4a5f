using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>
/// Checks one public JWK the way a strict server must: the key has to be usable for the alg it claims, so a bad key
/// fails at registration rather than at the first token request.
/// </summary>
internal static class JwkValidator
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    // NIST P-384 (FIPS 186-4 D.1.2.4): y² = x³ - 3x + b (mod p).
    private static readonly BigInteger P384Prime = Big("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff");
    private static readonly BigInteger P384B = Big("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef");

    public static RegisteredKey? Validate(JsonObject jwk, string where, out string error)
    {
        error = "";
        var privateMember = PrivateMembers.FirstOrDefault(jwk.ContainsKey);
        if (privateMember is not null)
        {
            error = $"{where}: the JWK carries private key material ('{privateMember}'); register the public key only";
            return null;
        }
        var kid = JsonBody.AsString(jwk["kid"]);
        if (string.IsNullOrWhiteSpace(kid))
        {
            error = $"{where}: 'kid' is required";
            return null;
        }
        var kty = JsonBody.AsString(jwk["kty"]);
        var alg = JsonBody.AsString(jwk["alg"]);
        var use = JsonBody.AsString(jwk["use"]);
        if (use != "sig")
        {
            error = $"{where}: 'use' must be \"sig\"";
            return null;
        }
        return kty switch
        {
            "RSA" => ValidateRsa(jwk, where, kid, alg, out error),
            "EC" => ValidateEc(jwk, where, kid, alg, out error),
            _ => Fail($"{where}: 'kty' must be \"RSA\" or \"EC\"", out error),
        };
    }

    private static RegisteredKey? ValidateRsa(JsonObject jwk, string where, string kid, string? alg, out string error)
    {
        if (alg is not ("RS256" or "RS512"))
        {
            return Fail($"{where}: 'alg' of an RSA key must be \"RS256\" or \"RS512\"", out error);
        }
        if (!Base64Url.TryDecode(JsonBody.AsString(jwk["n"]), out var n))
        {
            return Fail($"{where}: 'n' is required (base64url)", out error);
        }
        if (!Base64Url.TryDecode(JsonBody.AsString(jwk["e"]), out var e))
        {
            return Fail($"{where}: 'e' is required (base64url)", out error);
        }
        var bits = new BigInteger(n, isUnsigned: true, isBigEndian: true).GetBitLength();
        if (bits < 2048)
        {
            return Fail($"{where}: the RSA modulus has {bits} bits; at least 2048 are required", out error);
        }
        var exponent = new BigInteger(e, isUnsigned: true, isBigEndian: true);
        if (exponent < 3 || exponent.IsEven)
        {
            return Fail($"{where}: 'e' is not a valid RSA public exponent", out error);
        }
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = n.SkipWhile(b => b == 0).ToArray(), Exponent = e });
        }
        catch (CryptographicException ex)
        {
            return Fail($"{where}: the RSA key cannot be imported ({ex.Message})", out error);
        }
        error = "";
        return new RegisteredKey(kid, "RSA", alg, jwk, n, e, [], []);
    }

    private static RegisteredKey? ValidateEc(JsonObject jwk, string where, string kid, string? alg, out string error)
    {
        if (alg != "ES384")
        {
            return Fail($"{where}: 'alg' of an EC key must be \"ES384\"", out error);
        }
        if (JsonBody.AsString(jwk["crv"]) != "P-384")
        {
            return Fail($"{where}: 'crv' must be \"P-384\"", out error);
        }
        if (!Base64Url.TryDecode(JsonBody.AsString(jwk["x"]), out var x) || x.Length != 48)
        {
            return Fail($"{where}: 'x' must be 48 bytes, base64url", out error);
        }
        if (!Base64Url.TryDecode(JsonBody.AsString(jwk["y"]), out var y) || y.Length != 48)
        {
            return Fail($"{where}: 'y' must be 48 bytes, base64url", out error);
        }
        if (!IsOnP384(x, y))
        {
            return Fail($"{where}: the point (x, y) is not on the P-384 curve", out error);
        }
        error = "";
        return new RegisteredKey(kid, "EC", alg, jwk, [], [], x, y);
    }

    private static bool IsOnP384(byte[] xBytes, byte[] yBytes)
    {
        var x = new BigInteger(xBytes, isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: true);
        if (x >= P384Prime || y >= P384Prime)
        {
            return false;
        }
        var left = BigInteger.ModPow(y, 2, P384Prime);
        var right = ((BigInteger.ModPow(x, 3, P384Prime) - 3 * x + P384B) % P384Prime + P384Prime) % P384Prime;
        return left == right;
    }

    private static BigInteger Big(string hex) => BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static RegisteredKey? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
