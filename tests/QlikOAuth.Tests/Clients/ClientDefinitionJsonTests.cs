using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Tests.Clients;

/// <summary>Definitions as text: stable to write (for git diffs) and strict to read (a typo is an error naming the file and member).</summary>
public sealed class ClientDefinitionJsonTests
{
    private const string Minimal = """{"schemaVersion":1,"clientName":"etl","allowedAuthMethods":["client_secret"],"allowedGrantTypes":["client_credentials"],"allowedScopes":["user_default"]}""";

    [Fact]
    public void WritingSortsMembersListsAndKeysWithTwoSpacesAndLfOnly()
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.ES384, 0, "kid-b");
        ClientDefinition definition = ClientDefinitionJson.Read(
            $$"""{"schemaVersion":1,"clientName":"web app","allowedScopes":["user_default","admin.apps"],"allowedAuthMethods":["private_key_jwt"],"allowedGrantTypes":["client_credentials"],"publicKeys":[{{key.PublicJwk.ToJson()}}],"consentMethod":"trusted"}""",
            "web-app.json");

        string text = ClientDefinitionJson.Write(definition);

        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("}\n", text);
        Assert.StartsWith("{\n  \"allowedAuthMethods\": [\n    \"private_key_jwt\"\n  ],\n", text);
        string[] members = text.Split('\n').Where(line => line.StartsWith("  \"", StringComparison.Ordinal)).Select(line => line.Trim().Split('"')[1]).ToArray();
        Assert.Equal(members.Order(StringComparer.Ordinal), members);
        Assert.Contains("\"admin.apps\",\n    \"user_default\"", text);
        Assert.Contains("\"alg\": \"ES384\",\n      \"crv\": \"P-384\",\n      \"kid\": \"kid-b\"", text);
        Assert.DoesNotContain("clientId", text);
        Assert.Equal(text, ClientDefinitionJson.Write(ClientDefinitionJson.Read(text, "again.json")));
    }

    [Fact]
    public void AbsentTextIsWrittenAsNullSoSettingItShowsAsAOneLineDiff()
    {
        string text = ClientDefinitionJson.Write(ClientDefinitionJson.Read(Minimal, "etl.json"));

        Assert.Contains("\"description\": null,", text);
        Assert.Contains("\"jwksUri\": null,", text);
        Assert.Contains("\"consentMethod\": \"required\",", text);
        Assert.Contains("\"schemaVersion\": 1\n", text);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"clientName":"etl","scope":["user_default"]}""", "member 'scope' is not a member")]
    [InlineData("""{"schemaVersion":1,"clientName":"etl","allowedScopes":"user_default"}""", "member 'allowedScopes' must be an array of strings, not string")]
    [InlineData("""{"schemaVersion":1,"clientName":"etl","description":5}""", "member 'description' must be a string or null, not number")]
    [InlineData("""{"schemaVersion":1,"clientName":"etl","consentMethod":"Trusted"}""", "member 'consentMethod' is 'Trusted'")]
    [InlineData("""{"schemaVersion":1,"clientName":"etl","publicKeys":[{"kty":"RSA"}]}""", "member 'publicKeys[0]' is not a key")]
    [InlineData("""{"schemaVersion":1}""", "member 'clientName' is required")]
    [InlineData("""{"clientName":"etl"}""", "member 'schemaVersion' is required")]
    [InlineData("""["etl"]""", "must be a JSON object")]
    [InlineData("""{"schemaVersion":1,""", "is not JSON")]
    public void AnInvalidDefinitionIsRefusedNamingTheFileAndMember(string json, string expected)
    {
        var error = Assert.Throws<QlikValidationException>(() => ClientDefinitionJson.Read(json, "etl.json"));

        Assert.Equal(ClientErrors.DefinitionInvalid, error.ErrorId);
        Assert.StartsWith("etl.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    public void AnotherSchemaVersionIsRefusedWithItsOwnId(string version)
    {
        var error = Assert.Throws<QlikValidationException>(() => ClientDefinitionJson.Read($$"""{"schemaVersion":{{version}},"clientName":"etl"}""", "etl.json"));

        Assert.Equal(ClientErrors.DefinitionSchemaUnsupported, error.ErrorId);
        Assert.Contains("etl.json", error.Message);
    }

    [Fact]
    public void AnAppTypeThisModuleDoesNotKnowIsRefused()
    {
        var error = Assert.Throws<QlikValidationException>(() => ClientDefinitionJson.Read("""{"schemaVersion":1,"clientName":"tool","appType":"desktop"}""", "tool.json"));

        Assert.Equal(ClientErrors.UnsupportedAppType, error.ErrorId);
        Assert.Contains("tool.json", error.Message);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("spa")]
    [InlineData("anonymous-embed")]
    public void EveryAppTypeIsReadAndWrittenAsItsWireValue(string appType)
    {
        ClientDefinition definition = ClientDefinitionJson.Read($$"""{"schemaVersion":1,"clientName":"app","appType":"{{appType}}"}""", "app.json");

        Assert.Equal(appType, definition.AppType);
        Assert.Contains($"\"appType\": \"{appType}\"", ClientDefinitionJson.Write(definition));
    }
}
