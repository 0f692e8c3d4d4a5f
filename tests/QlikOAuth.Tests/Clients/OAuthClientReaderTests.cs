using System.Text.Json;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Tests.Clients;

/// <summary>The read model takes what the tenant sends, however partial or unexpected, and never keeps a secret in RawJson.</summary>
public sealed class OAuthClientReaderTests
{
    private static OAuthClient Read(string json) => OAuthClientReader.Read(JsonDocument.Parse(json).RootElement, "/test");

    [Fact]
    public void UnknownFieldsStayReachableInRawJson()
    {
        OAuthClient client = Read("{\"clientId\":\"c1\",\"clientName\":\"n\",\"disableTag\":\"x\",\"futureField\":{\"a\":1}}");

        Assert.Equal("c1", client.ClientId);
        using JsonDocument raw = JsonDocument.Parse(client.RawJson);
        Assert.Equal(1, raw.RootElement.GetProperty("futureField").GetProperty("a").GetInt32());
        Assert.Equal("x", raw.RootElement.GetProperty("disableTag").GetString());
    }

    [Fact]
    public void MissingAndMistypedFieldsBecomeNullOrEmpty()
    {
        OAuthClient client = Read("{\"clientId\":\"c1\",\"clientName\":42,\"allowedScopes\":\"user_default\",\"createdAt\":\"not a date\",\"connectionConfig\":null,\"publicKeys\":[{\"kid\":\"k\"},\"junk\"]}");

        Assert.Null(client.ClientName);
        Assert.Empty(client.AllowedScopes);
        Assert.Null(client.CreatedAt);
        Assert.Null(client.ConsentMethod);
        Assert.Equal(new[] { "k" }, client.PublicKeyIds);
        Assert.Empty(client.AllowedGrantTypes);
    }

    [Fact]
    public void PublicKeysAreReadUnderTheirRegisteredKidAndAnUnreadableOneIsOnlyNamed()
    {
        using SigningKey signingKey = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "mine");
        string unreadable = "{\"kid\":\"odd\",\"kty\":\"OKP\"}";
        OAuthClient client = Read($"{{\"clientId\":\"c1\",\"jwksUri\":\"https://keys.example.com/jwks\",\"publicKeys\":[{signingKey.PublicJwk.ToJson()},{unreadable}]}}");

        Assert.Equal(new[] { "mine", "odd" }, client.PublicKeyIds);
        PublicJwk key = Assert.Single(client.PublicKeys);
        Assert.Equal(("mine", "EC", "ES384"), (key.Kid, key.Kty, key.Alg));
        Assert.Equal("https://keys.example.com/jwks", client.JwksUri);
    }

    [Fact]
    public void TheOlderSecretHintFieldIsRead()
    {
        Assert.Equal(new[] { "ab12c" }, Read("{\"clientId\":\"c1\",\"clientSecretHint\":\"ab12c\"}").SecretHints);
        Assert.Equal(new[] { "h1", "h2" }, Read("{\"clientId\":\"c1\",\"clientSecrets\":[{\"hint\":\"h1\"},{\"hint\":\"h2\"}]}").SecretHints);
    }

    [Fact]
    public void EachSecretIsReadWithWhenAndByWhomItWasMadeWhenTheTenantSays()
    {
        OAuthClient client = Read("{\"clientId\":\"c1\",\"clientSecrets\":[{\"hint\":\"h1\",\"createdAt\":\"2026-01-02T03:04:05Z\",\"createdBy\":\"u1\"},{\"hint\":\"h2\"},{\"createdAt\":\"2026-01-02T03:04:05Z\"}]}");

        Assert.Equal(new[] { "h1", "h2" }, client.Secrets.Select(secret => secret.Hint));
        Assert.Equal((new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "u1"), (client.Secrets[0].CreatedAt!.Value, client.Secrets[0].CreatedBy));
        Assert.Equal((null, null), (client.Secrets[1].CreatedAt, client.Secrets[1].CreatedBy));
        Assert.Equal(new[] { "h1", "h2" }, client.SecretHints);
    }

    [Fact]
    public void TheSecretIsLeftOutOfRawJson()
    {
        OAuthClient client = Read("{\"clientId\":\"c1\",\"clientSecret\":\"s3cr3t-value\"}");

        Assert.DoesNotContain("s3cr3t-value", client.RawJson);
        Assert.DoesNotContain("\"clientSecret\":", client.RawJson);
    }

    [Fact]
    public void AnAnswerWithoutAClientIdIsAnInvalidResponse()
    {
        var error = Assert.Throws<QlikOAuthException>(() => Read("{\"clientName\":\"n\"}"));

        Assert.Equal(("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse), (error.ErrorId, error.Kind));
    }
}
