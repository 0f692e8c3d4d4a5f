using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.Tests.Support;

/// <summary>A key pair generated in the test, its public JWK, and JWT signing done by hand (no IdentityModel).</summary>
public sealed class SigningKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private SigningKey(string alg, string kid, RSA? rsa, ECDsa? ec)
    {
        Alg = alg;
        Kid = kid;
        _rsa = rsa;
        _ec = ec;
    }

    public string Alg { get; }
    public string Kid { get; }

    public static SigningKey Create(string alg, string? kid = null, int rsaBits = 2048) => alg switch
    {
        "RS256" or "RS512" => new SigningKey(alg, kid ?? $"rsa-{Guid.NewGuid():N}", RSA.Create(rsaBits), null),
        "ES384" => new SigningKey(alg, kid ?? $"ec-{Guid.NewGuid():N}", null, ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        _ => throw new ArgumentException(alg),
    };

    public JsonObject PublicJwk()
    {
        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(false);
            return new JsonObject { ["kty"] = "RSA", ["kid"] = Kid, ["alg"] = Alg, ["use"] = "sig", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
        }
        var q = _ec!.ExportParameters(false).Q;
        return new JsonObject { ["kty"] = "EC", ["kid"] = Kid, ["alg"] = Alg, ["use"] = "sig", ["crv"] = "P-384", ["x"] = B64(q.X!), ["y"] = B64(q.Y!) };
    }

    public JsonObject PrivateJwk()
    {
        var jwk = PublicJwk();
        jwk["d"] = _rsa is not null ? B64(_rsa.ExportParameters(true).D!) : B64(_ec!.ExportParameters(true).D!);
        return jwk;
    }

    /// <summary>A client assertion with sane claims; <paramref name="edit"/> bends header or claims for negative tests.</summary>
    public string Assertion(string clientId, string audience, DateTimeOffset now, Action<JsonObject, JsonObject>? edit = null)
    {
        var header = new JsonObject { ["alg"] = Alg, ["kid"] = Kid, ["typ"] = "JWT" };
        var claims = new JsonObject
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(4).ToUnixTimeSeconds(),
        };
        edit?.Invoke(header, claims);
        return Sign(header, claims);
    }

    public string Sign(JsonObject header, JsonObject claims)
    {
        var input = $"{B64(JsonSerializer.SerializeToUtf8Bytes(header))}.{B64(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var data = Encoding.ASCII.GetBytes(input);
        var signature = _rsa is not null
            ? _rsa.SignData(data, Alg == "RS512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ec!.SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{B64(signature)}";
    }

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
