using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class PatchClientTests : EmulatorTest
{
    private Task<HttpResponseMessage> PatchAsync(string id, string body) => AdminAsync(HttpMethod.Patch, $"/api/v1/oauth-clients/{id}", body);

    private async Task<JsonObject> GetClientAsync(string id) => (JsonObject)await JsonAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}"));

    [Fact]
    public async Task ReplaceFieldsAnswers204AndChangesTheClient()
    {
        var (id, _) = await CreateM2MAsync();
        var response = await PatchAsync(id, """[{"op":"replace","path":"/clientName","value":"renamed"},{"op":"add","path":"/description","value":"d"},{"op":"replace","path":"/allowedScopes","value":["user_default"]}]""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var client = await GetClientAsync(id);
        Assert.Equal("renamed", (string)client["clientName"]!);
        Assert.Equal("d", (string)client["description"]!);
        Assert.Equal(["user_default"], client["allowedScopes"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task RemoveDropsAnOptionalField()
    {
        var body = WebClient();
        body["description"] = "temporary";
        var id = (string)(await CreateClientAsync(body))["clientId"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(id, """[{"op":"remove","path":"/description"}]""")).StatusCode);
        Assert.Null((await GetClientAsync(id))["description"]);
    }

    [Fact]
    public async Task AddingClientSecretMethodAnswers202WithTheNewSecret()
    {
        using var key = SigningKey.Create("RS256");
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["publicKeys"] = new JsonArray(key.PublicJwk());
        var id = (string)(await CreateClientAsync(body))["clientId"]!;
        var response = await PatchAsync(id, """[{"op":"replace","path":"/allowedAuthMethods","value":["private_key_jwt","client_secret"]}]""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var secret = (string)(await JsonAsync(response))["clientSecret"]!;
        Assert.Equal(secret[^5..], (string)(await GetClientAsync(id))["clientSecrets"]![0]!["hint"]!);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
    }

    [Theory]
    [InlineData("object", true)]
    [InlineData("string", true)]
    [InlineData("single-string", false)]
    [InlineData("jwks-string", false)]
    public async Task PublicKeysAcceptJwkObjectsAndJwkJsonStrings(string shape, bool asArray)
    {
        var (id, _) = await CreateM2MAsync();
        using var key = SigningKey.Create("ES384");
        var jwk = key.PublicJwk();
        JsonNode value = shape switch
        {
            "object" => new JsonArray(jwk),
            "string" => new JsonArray(jwk.ToJsonString()),
            "single-string" => jwk.ToJsonString(),
            _ => new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString(),
        };
        Assert.Equal(asArray, value is JsonArray);
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/publicKeys", ["value"] = value });
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(id, patch.ToJsonString())).StatusCode);
        Assert.Equal(key.Kid, (string)(await GetClientAsync(id))["publicKeys"]![0]!["kid"]!);
    }

    [Fact]
    public async Task JwksUriIsPatchable()
    {
        var (id, _) = await CreateM2MAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(id, """[{"op":"add","path":"/jwksUri","value":"https://keys.example.com/jwks"}]""")).StatusCode);
        Assert.Equal("https://keys.example.com/jwks", (string)(await GetClientAsync(id))["jwksUri"]!);
    }

    [Fact]
    public async Task RemovingClientSecretMethodDropsTheSecrets()
    {
        using var key = SigningKey.Create("RS256");
        var (id, secret) = await CreateM2MAsync();
        var patch = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/allowedAuthMethods", ["value"] = Strings("private_key_jwt") },
            new JsonObject { ["op"] = "add", ["path"] = "/publicKeys", ["value"] = new JsonArray(key.PublicJwk()) });
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(id, patch.ToJsonString())).StatusCode);
        Assert.Empty((await GetClientAsync(id))["clientSecrets"]!.AsArray());
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(id, secret)), HttpStatusCode.BadRequest, "OAUTH-4", "Unauthorized grant type");
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"/clientName","value":"x"}""", "JSON array")]
    [InlineData("[]", "no operations")]
    [InlineData("""[{"op":"move","path":"/clientName","value":"x"}]""", "op must be add, remove or replace")]
    [InlineData("""[{"op":"replace","path":"/appType","value":"spa"}]""", "not patchable")]
    [InlineData("""[{"op":"replace","path":"/connectionConfig","value":{}}]""", "not patchable")]
    [InlineData("""[{"op":"replace","path":"/redirectUris/0","value":"https://x.example"}]""", "not patchable")]
    [InlineData("""[{"op":"replace","path":"/clientName"}]""", "value is required")]
    [InlineData("""[{"op":"remove","path":"/clientName"}]""", "clientName is required")]
    [InlineData("""[{"op":"remove","path":"/logoUri"}]""", "nothing to remove")]
    [InlineData("""[{"op":"replace","path":"/allowedGrantTypes","value":["password"]}]""", "allowedGrantTypes[0]")]
    [InlineData("""[{"op":"replace","path":"/allowedAuthMethods","value":["private_key_jwt"]}]""", "publicKeys is required")]
    [InlineData("""[{"op":"add","path":"/publicKeys","value":["{not json"]}]""", "JWK as JSON")]
    [InlineData("""[{"op":"add","path":"/publicKeys","value":[42]}]""", "JWK objects or JWK JSON strings")]
    [InlineData("""[{"op":"replace","path":"/redirectUris","value":["https://1.e","https://2.e","https://3.e","https://4.e","https://5.e","https://6.e"]}]""", "at most 5")]
    public async Task InvalidPatchIs400(string body, string detail)
    {
        var (id, _) = await CreateM2MAsync();
        await AssertErrorAsync(await PatchAsync(id, body), HttpStatusCode.BadRequest, "HTTP-400", detail);
    }

    [Fact]
    public async Task PatchOfUnknownClientIs404()
    {
        await AssertErrorAsync(await PatchAsync("0123456789abcdef0123456789abcdef", """[{"op":"replace","path":"/clientName","value":"x"}]"""), HttpStatusCode.NotFound);
    }
}
