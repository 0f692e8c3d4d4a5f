using System.Net;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class ClientSecretTests : EmulatorTest
{
    private Task<HttpResponseMessage> AddSecretAsync(string id) => AdminAsync(HttpMethod.Post, $"/api/v1/oauth-clients/{id}/client-secrets");

    [Fact]
    public async Task NewSecretAnswers201AndAuthenticates()
    {
        var (id, oldSecret) = await CreateM2MAsync();
        var response = await AddSecretAsync(id);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (JsonObject)await JsonAsync(response);
        var secret = (string)body["clientSecret"]!;
        Assert.Equal(id, (string)body["clientId"]!);
        Assert.Equal(secret[^5..], (string)body["hint"]!);
        Assert.Equal(EmulatorDefaults.AdminUserId, (string)body["createdBy"]!);
        Assert.NotNull(body["createdAt"]);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(ClientCredentials(id, oldSecret))).StatusCode);
    }

    [Fact]
    public async Task SixthSecretIs409()
    {
        var (id, _) = await CreateM2MAsync();
        for (var i = 2; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await AddSecretAsync(id)).StatusCode);
        }
        await AssertErrorAsync(await AddSecretAsync(id), HttpStatusCode.Conflict, "HTTP-409");
    }

    [Fact]
    public async Task DeleteByHintAnswers204AndTheSecretStopsWorking()
    {
        var (id, secret) = await CreateM2MAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}/client-secrets/{secret[^5..]}")).StatusCode);
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(id, secret)), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials");
        Assert.Empty((await JsonAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}")))["clientSecrets"]!.AsArray());
    }

    [Fact]
    public async Task DeleteOfUnknownHintIs404()
    {
        var (id, _) = await CreateM2MAsync();
        await AssertErrorAsync(await AdminAsync(HttpMethod.Delete, $"/api/v1/oauth-clients/{id}/client-secrets/zzzzz"), HttpStatusCode.NotFound, "HTTP-404", "zzzzz");
    }

    [Fact]
    public async Task SecretForUnknownClientIs404()
    {
        await AssertErrorAsync(await AddSecretAsync("0123456789abcdef0123456789abcdef"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SecretForClientWithoutSecretMethodIs400()
    {
        using var key = SigningKey.Create("RS256");
        var body = WebClient();
        body["allowedAuthMethods"] = Strings("private_key_jwt");
        body["publicKeys"] = new JsonArray(key.PublicJwk());
        var id = (string)(await CreateClientAsync(body))["clientId"]!;
        await AssertErrorAsync(await AddSecretAsync(id), HttpStatusCode.BadRequest, detailContains: "client_secret");
    }
}
