using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class TokenRequestErrorTests : EmulatorTest
{
    private async Task<HttpResponseMessage> PostRawAsync(string body, string contentType)
    {
        using var http = new HttpClient();
        return await http.PostAsync(TokenUrl, new StringContent(body, Encoding.UTF8, contentType));
    }

    [Theory]
    [InlineData("{not json", "application/json", "not valid JSON")]
    [InlineData("[]", "application/json", "JSON object")]
    [InlineData("""{"grant_type":"client_credentials"}""", "text/plain", "Content-Type")]
    [InlineData("""{"client_id":"x","client_secret":"y"}""", "application/json", "grant_type is required")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"x","client_secret":5}""", "application/json", "must be a string")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"x"}""", "application/json", "client authentication is required")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"x","client_secret":"s","client_assertion":"a.b.c","client_assertion_type":"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}""", "application/json", "exclusive")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"x","client_assertion":"a.b.c"}""", "application/json", "client_assertion_type")]
    [InlineData("""{"grant_type":"client_credentials","client_secret":"s"}""", "application/json", "client_id is required")]
    [InlineData("""{"grant_type":"client_credentials","client_id":"x","client_secret":"s","user_lookup":{"field":"subject","value":"a"}}""", "application/json", "user_lookup")]
    [InlineData("grant_type=urn%3Aqlik%3Aoauth%3Auser-impersonation&client_id=x&client_secret=s&user_lookup=a", "application/x-www-form-urlencoded", "JSON")]
    [InlineData("grant_type=client_credentials&grant_type=client_credentials&client_id=x&client_secret=s", "application/x-www-form-urlencoded", "repeated")]
    public async Task MalformedOrConflictingRequestIsOAuth1(string body, string contentType, string detail)
    {
        await AssertOAuthErrorAsync(await PostRawAsync(body, contentType), HttpStatusCode.BadRequest, "OAUTH-1", "Invalid request", detail);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("implicit")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    public async Task UnknownGrantTypeIsOAuth2(string grant)
    {
        var (id, secret) = await CreateM2MAsync();
        var body = ClientCredentials(id, secret);
        body["grant_type"] = grant;
        await AssertOAuthErrorAsync(await TokenAsync(body), HttpStatusCode.BadRequest, "OAUTH-2", "Unsupported grant type", grant);
    }

    [Fact]
    public async Task UnknownClientIsOAuth14()
    {
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials("0123456789abcdef0123456789abcdef", "secret")), HttpStatusCode.BadRequest, "OAUTH-14", "Invalid client_id");
    }

    [Fact]
    public async Task WrongSecretIsOAuth3()
    {
        var (id, _) = await CreateM2MAsync();
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(id, "wrong")), HttpStatusCode.Unauthorized, "OAUTH-3", "Invalid client credentials", "client_secret");
    }

    [Fact]
    public async Task GrantNotAllowedByTheClientIsOAuth4()
    {
        var (id, secret) = await CreateM2MAsync(grants: ["urn:qlik:oauth:user-impersonation"]);
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(id, secret)), HttpStatusCode.BadRequest, "OAUTH-4", "Unauthorized grant type", "client_credentials");
    }

    [Fact]
    public async Task AuthMethodNotAllowedByTheClientIsOAuth4()
    {
        using var key = SigningKey.Create("RS256");
        var (id, _) = await CreateM2MAsync();
        var body = new JsonObject
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id,
            ["client_assertion"] = key.Assertion(id, TokenUrl, DateTimeOffset.UtcNow),
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        };
        await AssertOAuthErrorAsync(await TokenAsync(body), HttpStatusCode.BadRequest, "OAUTH-4", "Unauthorized grant type", "private_key_jwt");
    }
}
