using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>
/// This tenant's consent configuration of a client: <c>required</c> (the default) or <c>trusted</c>. A client published by
/// another tenant of the region is configured here too, each tenant on its own (section 8.3).
/// </summary>
internal sealed class ConnectionConfigEndpoints(Tenant tenant)
{
    private const string Path = "/api/v1/oauth-clients/{id}/connection-configs/me";

    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", Path, Access.TenantAdmin, Get),
        new("PATCH", Path, Access.TenantAdmin, Patch),
        new("DELETE", Path, Access.TenantAdmin, Delete),
    ];

    private Reply Get(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            return ClientLookup.Find(tenant, request, out var client, publishedElsewhere: true) ?? Reply.Json(StatusCodes.Status200OK, new JsonObject
            {
                ["consentMethod"] = tenant.ConnectionOf(client).ConsentMethod,
                ["status"] = "active",
                ["deletedByOwner"] = false,
            });
        }
    }

    /// <summary>Only <c>[{"op":"replace","path":"/consentMethod","value":"trusted"|"required"}]</c> is accepted.</summary>
    private Reply Patch(ApiRequest request)
    {
        if (!JsonBody.TryParse(request.Body, out var node, out var error))
        {
            return Reply.BadRequest(error);
        }
        if (node is not JsonArray { Count: > 0 } operations)
        {
            return Reply.BadRequest("the body must be a non-empty JSON array of patch operations");
        }
        string? consentMethod = null;
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation || JsonBody.AsString(operation["op"]) != "replace"
                || JsonBody.AsString(operation["path"]) != "/consentMethod")
            {
                return Reply.BadRequest($"[{i}] must be {{\"op\":\"replace\",\"path\":\"/consentMethod\",\"value\":...}}");
            }
            consentMethod = JsonBody.AsString(operation["value"]);
            if (consentMethod is not ("trusted" or "required"))
            {
                return Reply.BadRequest($"[{i}].value must be \"trusted\" or \"required\"");
            }
        }
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client, publishedElsewhere: true) is { } notFound)
            {
                return notFound;
            }
            tenant.ConnectionOf(client).ConsentMethod = consentMethod!;
            return Reply.NoContent();
        }
    }

    /// <summary>Deleting this tenant's configuration returns the client to the default, consent required.</summary>
    private Reply Delete(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client, publishedElsewhere: true) is { } notFound)
            {
                return notFound;
            }
            tenant.ConnectionOf(client).ConsentMethod = "required";
            return Reply.NoContent();
        }
    }
}
