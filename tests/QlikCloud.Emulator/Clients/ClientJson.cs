using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>The read model of a client. It never contains a secret: only each secret's hint, creation time and creator.</summary>
internal static class ClientJson
{
    /// <summary>The client as its own tenant shows it (only the home tenant reads a client: see ClientLookup).</summary>
    public static JsonObject Render(OAuthClient client, Tenant tenant)
    {
        var json = new JsonObject { ["clientId"] = client.ClientId };
        foreach (var (name, value) in client.Spec.ToJson())
        {
            json[name] = value?.DeepClone();
        }
        json["clientSecrets"] = new JsonArray([.. client.Secrets.Select(s => (JsonNode)new JsonObject
        {
            ["hint"] = s.Hint,
            ["createdAt"] = JsonBody.Format(s.CreatedAt),
            // Unconfirmed in the read model: the secrets POST answers createdBy, so the listed secret carries it too.
            ["createdBy"] = s.CreatedBy,
        })]);
        json["connectionConfig"] = new JsonObject { ["consentMethod"] = tenant.ConnectionOf(client).ConsentMethod };
        json["createdAt"] = JsonBody.Format(client.CreatedAt);
        json["updatedAt"] = JsonBody.Format(client.UpdatedAt);
        json["publishedAt"] = client.PublishedAt is { } published ? JsonBody.Format(published) : null;
        json["createdByType"] = "user";
        json["ownerId"] = client.OwnerId;
        json["tenantId"] = tenant.TenantId;
        return json;
    }

    /// <summary>The value a filter or sort sees for an attribute.</summary>
    public static string? Attribute(OAuthClient client, string tenantId, string name) => name switch
    {
        "clientId" => client.ClientId,
        "clientName" => client.Spec.ClientName,
        "appType" => client.Spec.AppType,
        "tenantId" => tenantId,
        "createdByType" => "user",
        "createdAt" => JsonBody.Format(client.CreatedAt),
        "updatedAt" => JsonBody.Format(client.UpdatedAt),
        _ => null,
    };
}
