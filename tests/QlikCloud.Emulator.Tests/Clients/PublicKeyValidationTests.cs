using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class PublicKeyValidationTests : EmulatorTest
{
    private static JsonObject KeyClient(params JsonNode[] keys)
    {
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["publicKeys"] = new JsonArray(keys);
        return body;
    }

    private async Task AssertRejectedAsync(JsonObject jwk, string detail) =>
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", KeyClient(jwk).ToJsonString()), HttpStatusCode.BadRequest, "HTTP-400", detail);

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS512")]
    [InlineData("ES384")]
    public async Task ValidPublicKeyIsRegisteredAndEchoed(string alg)
    {
        using var key = SigningKey.Create(alg);
        var client = await CreateClientAsync(KeyClient(key.PublicJwk()));
        Assert.Equal(key.Kid, (string)Assert.Single(client["publicKeys"]!.AsArray())!["kid"]!);
        Assert.Null(client["clientSecret"]);
    }

    [Fact]
    public async Task KidIsRequired()
    {
        using var key = SigningKey.Create("RS256");
        var jwk = key.PublicJwk();
        jwk.Remove("kid");
        await AssertRejectedAsync(jwk, "'kid' is required");
    }

    [Fact]
    public async Task KidsMustBeUnique()
    {
        using var a = SigningKey.Create("RS256", "same");
        using var b = SigningKey.Create("ES384", "same");
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", KeyClient(a.PublicJwk(), b.PublicJwk()).ToJsonString()), HttpStatusCode.BadRequest, detailContains: "kids must be unique");
    }

    [Fact]
    public async Task KtyMustBeRsaOrEc()
    {
        using var key = SigningKey.Create("RS256");
        var jwk = key.PublicJwk();
        jwk["kty"] = "oct";
        await AssertRejectedAsync(jwk, "'kty' must be");
    }

    [Theory]
    [InlineData("RS256", "ES384")]
    [InlineData("RS256", "PS256")]
    [InlineData("ES384", "ES256")]
    [InlineData("ES384", "RS256")]
    public async Task AlgMustFitTheKeyType(string keyAlg, string claimedAlg)
    {
        using var key = SigningKey.Create(keyAlg);
        var jwk = key.PublicJwk();
        jwk["alg"] = claimedAlg;
        await AssertRejectedAsync(jwk, "'alg' of an");
    }

    [Theory]
    [InlineData("enc")]
    [InlineData(null)]
    public async Task UseMustBeSig(string? use)
    {
        using var key = SigningKey.Create("RS256");
        var jwk = key.PublicJwk();
        jwk["use"] = use;
        await AssertRejectedAsync(jwk, "'use' must be \"sig\"");
    }

    [Fact]
    public async Task RsaModulusUnder2048BitsIsRefused()
    {
        using var key = SigningKey.Create("RS256", rsaBits: 1024);
        await AssertRejectedAsync(key.PublicJwk(), "has 1024 bits");
    }

    [Fact]
    public async Task RsaExponentIsRequired()
    {
        using var key = SigningKey.Create("RS512");
        var jwk = key.PublicJwk();
        jwk.Remove("e");
        await AssertRejectedAsync(jwk, "'e' is required");
    }

    [Fact]
    public async Task EcCurveMustBeP384()
    {
        using var key = SigningKey.Create("ES384");
        var jwk = key.PublicJwk();
        jwk["crv"] = "P-256";
        await AssertRejectedAsync(jwk, "'crv' must be \"P-384\"");
    }

    [Fact]
    public async Task EcPointMustBeOnTheCurve()
    {
        using var key = SigningKey.Create("ES384");
        var jwk = key.PublicJwk();
        var y = Convert.FromBase64String(Pad((string)jwk["y"]!));
        y[^1] ^= 1;
        jwk["y"] = SigningKey.B64(y);
        await AssertRejectedAsync(jwk, "not on the P-384 curve");
    }

    [Fact]
    public async Task EcCoordinatesMustBe48Bytes()
    {
        using var key = SigningKey.Create("ES384");
        var jwk = key.PublicJwk();
        jwk["x"] = SigningKey.B64(new byte[32]);
        await AssertRejectedAsync(jwk, "'x' must be 48 bytes");
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES384")]
    public async Task PrivateKeyMaterialIsRefused(string alg)
    {
        using var key = SigningKey.Create(alg);
        await AssertRejectedAsync(key.PrivateJwk(), "private key material ('d')");
    }

    [Fact]
    public async Task PublicKeysAndJwksUriAreExclusive()
    {
        using var key = SigningKey.Create("RS256");
        var body = KeyClient(key.PublicJwk());
        body["jwksUri"] = "https://keys.example.com/jwks.json";
        await AssertErrorAsync(await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString()), HttpStatusCode.BadRequest, detailContains: "exclusive");
    }

    private static string Pad(string b64Url)
    {
        var s = b64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
