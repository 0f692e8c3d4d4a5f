using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.State;

/// <summary>The writable fields of an OAuth client, already validated (see Clients/ClientValidator).</summary>
internal sealed record ClientSpec(
    string AppType,
    string ClientName,
    string? Description,
    string? ClientUri,
    string? LogoUri,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedScopes,
    IReadOnlyList<string> AllowedGrantTypes,
    IReadOnlyList<string> AllowedAuthMethods,
    IReadOnlyList<RegisteredKey> PublicKeys,
    string? JwksUri)
{
    /// <summary>The fields as a create body would carry them: the base a JSON Patch applies to, and part of the read model.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["appType"] = AppType, ["clientName"] = ClientName };
        AddIfSet(json, "description", Description);
        AddIfSet(json, "clientUri", ClientUri);
        AddIfSet(json, "logoUri", LogoUri);
        json["redirectUris"] = Strings(RedirectUris);
        json["allowedOrigins"] = Strings(AllowedOrigins);
        json["allowedScopes"] = Strings(AllowedScopes);
        json["allowedGrantTypes"] = Strings(AllowedGrantTypes);
        json["allowedAuthMethods"] = Strings(AllowedAuthMethods);
        json["publicKeys"] = new JsonArray([.. PublicKeys.Select(k => (JsonNode)k.Jwk.DeepClone())]);
        AddIfSet(json, "jwksUri", JwksUri);
        return json;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
