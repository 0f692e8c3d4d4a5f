using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// Verifies a private key JWT client assertion (RFC 7523) against the client's registered JWKs with
/// System.Security.Cryptography alone: an independent check of what the module signs with Microsoft.IdentityModel.
/// A failure names the check that failed (signature, kid, alg, iss/sub, aud, exp, iat, jti).
/// </summary>
internal static class ClientAssertionVerifier
{
    /// <summary>Seconds an assertion may live (exp - iat).</summary>
    public const int MaxLifetimeSeconds = 300;

    /// <summary>Clock skew tolerated for iat/nbf in the future.</summary>
    public const int SkewSeconds = 60;

    public sealed record Verified(string Jti, DateTimeOffset ExpiresAt);

    /// <summary>The issuer of an assertion without checking anything: only to find which client it claims to be.</summary>
    public static string? UnverifiedIssuer(string assertion)
    {
        var parts = assertion.Split('.');
        return parts.Length == 3 && TryDecodeObject(parts[1], out var payload) ? JsonBody.AsString(payload["iss"]) : null;
    }

    /// <param name="fetchedKeys">The keys read from the client's jwksUri, or null to use its registered keys.</param>
    public static Verified? Verify(string assertion, OAuthClient client, IReadOnlyList<RegisteredKey>? fetchedKeys, string? clientIdParameter, string audience, DateTimeOffset now, out string failure)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3 || !TryDecodeObject(parts[0], out var header) || !TryDecodeObject(parts[1], out var claims))
        {
            return Fail("format: client_assertion is not a compact JWS (header.payload.signature)", out failure);
        }
        var kid = JsonBody.AsString(header["kid"]);
        if (kid is null)
        {
            return Fail("kid: the assertion header has no kid", out failure);
        }
        if (fetchedKeys is null && client.Spec.JwksUri is not null && client.Spec.PublicKeys.Count == 0)
        {
            return Fail("kid: the client registers its keys by jwksUri, which this emulator fetches only when started with --loopback-jwks", out failure);
        }
        var key = (fetchedKeys ?? client.Spec.PublicKeys).FirstOrDefault(k => k.Kid == kid);
        if (key is null)
        {
            return Fail($"kid: no registered public key has kid '{kid}'", out failure);
        }
        var alg = JsonBody.AsString(header["alg"]);
        if (alg != key.Alg)
        {
            return Fail($"alg: the header alg '{alg}' differs from the registered key's alg '{key.Alg}'", out failure);
        }
        if (!Base64Url.TryDecode(parts[2], out var signature) || !SignatureIsValid(key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature))
        {
            return Fail($"signature: the {alg} signature does not verify with key '{kid}'", out failure);
        }
        var iss = JsonBody.AsString(claims["iss"]);
        var sub = JsonBody.AsString(claims["sub"]);
        if (iss != client.ClientId || sub != client.ClientId || (clientIdParameter is not null && clientIdParameter != iss))
        {
            return Fail($"iss/sub: iss and sub must both be the client id '{client.ClientId}' (got iss '{iss}', sub '{sub}')", out failure);
        }
        if (!AudienceMatches(claims["aud"], audience))
        {
            return Fail($"aud: the audience must be exactly '{audience}'", out failure);
        }
        var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        if (!TryNumber(claims["exp"], out var exp))
        {
            return Fail("exp: the exp claim is required (NumericDate)", out failure);
        }
        if (!TryNumber(claims["iat"], out var iat))
        {
            return Fail("iat: the iat claim is required (NumericDate)", out failure);
        }
        if (exp <= nowSeconds)
        {
            return Fail("exp: the assertion has expired", out failure);
        }
        if (exp - iat > MaxLifetimeSeconds)
        {
            return Fail($"exp: exp is {exp - iat:0} s after iat; at most {MaxLifetimeSeconds} s are allowed", out failure);
        }
        if (iat > nowSeconds + SkewSeconds)
        {
            return Fail("iat: the assertion was issued in the future", out failure);
        }
        if (claims["nbf"] is { } nbfNode && (!TryNumber(nbfNode, out var nbf) || nbf > nowSeconds + SkewSeconds))
        {
            return Fail("nbf: the assertion is not valid yet", out failure);
        }
        var jti = JsonBody.AsString(claims["jti"]);
        if (string.IsNullOrEmpty(jti))
        {
            return Fail("jti: the jti claim is required", out failure);
        }
        failure = "";
        return new Verified(jti, DateTimeOffset.FromUnixTimeMilliseconds((long)(exp * 1000)));
    }

    /// <summary>
    /// Each registered key's platform object, made on its first assertion and kept while the key is registered (a table
    /// keyed by the key object, so a replaced or deleted key takes its own with it). A tenant parses a registered key
    /// once; importing it for every assertion cost the emulator more than the rest of a token request (OpenSSL 3), and
    /// the comparison measured that instead of the module.
    /// </summary>
    private static readonly ConditionalWeakTable<RegisteredKey, AsymmetricAlgorithm> Verifiers = new();

    private static bool SignatureIsValid(RegisteredKey key, byte[] signingInput, byte[] signature)
    {
        try
        {
            var verifier = Verifiers.GetValue(key, CreateVerifier);
            // The platform objects are not documented as safe for concurrent use.
            lock (verifier)
            {
                if (verifier is RSA rsa)
                {
                    var hash = key.Alg == "RS512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
                    return rsa.VerifyData(signingInput, signature, hash, RSASignaturePadding.Pkcs1);
                }
                // JWS ES384 signatures are the raw r||s pair, 48 bytes each (RFC 7518 §3.4), never DER.
                return signature.Length == 96
                    && ((ECDsa)verifier).VerifyData(signingInput, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static AsymmetricAlgorithm CreateVerifier(RegisteredKey key)
    {
        if (key.Kty != "RSA")
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP384,
                Q = new ECPoint { X = key.EcX, Y = key.EcY },
            });
        }
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(new RSAParameters { Modulus = key.RsaModulus.SkipWhile(b => b == 0).ToArray(), Exponent = key.RsaExponent });
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>aud is a string or an array of strings (RFC 7519 §4.1.3); the token URL must appear exactly.</summary>
    private static bool AudienceMatches(JsonNode? aud, string expected) => aud switch
    {
        JsonArray values => values.Any(v => JsonBody.AsString(v) == expected),
        _ => JsonBody.AsString(aud) == expected,
    };

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue number && number.GetValueKind() == JsonValueKind.Number
            && double.TryParse(number.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDecodeObject(string part, out JsonObject json)
    {
        json = [];
        if (!Base64Url.TryDecode(part, out var bytes) || !JsonBody.TryParse(Encoding.UTF8.GetString(bytes), out var node, out _) || node is not JsonObject obj)
        {
            return false;
        }
        json = obj;
        return true;
    }

    private static Verified? Fail(string message, out string failure)
    {
        failure = message;
        return null;
    }
}
