using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>List, create, get, patch, delete and publish under <c>/api/v1/oauth-clients</c>.</summary>
internal sealed class OAuthClientEndpoints(Tenant tenant)
{
    private const string Base = "/api/v1/oauth-clients";
    private static readonly string[] FilterAttributes = ["clientId", "clientName", "appType", "tenantId", "createdByType"];
    private static readonly string[] SortFields = ["clientId", "clientName", "appType", "tenantId", "createdAt", "updatedAt"];

    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", Base, Access.TenantAdmin, List),
        new("POST", Base, Access.TenantAdmin, Create),
        new("GET", Base + "/{id}", Access.TenantAdmin, Get),
        new("PATCH", Base + "/{id}", Access.TenantAdmin, Patch),
        new("DELETE", Base + "/{id}", Access.TenantAdmin, Delete),
        new("POST", Base + "/{id}/actions/publish", Access.TenantAdmin, Publish),
    ];

    private Reply List(ApiRequest request)
    {
        Func<Func<string, string?>, bool> matches = _ => true;
        if (request.Query("filter") is { } filter)
        {
            var parsed = ScimFilter.TryParse(filter, FilterAttributes, _ => StringComparison.Ordinal, out var error);
            if (parsed is null)
            {
                return Reply.BadRequest(error);
            }
            matches = parsed;
        }
        var sort = request.Query("sort");
        // '+' in a query string decodes to a space, so " clientName" is "+clientName".
        var descending = sort is not null && sort.StartsWith('-');
        var sortField = sort?.TrimStart('+', '-', ' ');
        if (sortField is not null && !SortFields.Contains(sortField))
        {
            return Reply.BadRequest($"sort must be +/- followed by one of {string.Join(", ", SortFields)}");
        }
        lock (tenant.Gate)
        {
            var clients = tenant.Clients.Values.Where(c => matches(a => ClientJson.Attribute(c, tenant.TenantId, a)));
            var ordered = sortField is null
                ? clients.OrderBy(c => c.Sequence)
                : descending
                    ? clients.OrderByDescending(c => ClientJson.Attribute(c, tenant.TenantId, sortField), StringComparer.Ordinal).ThenByDescending(c => c.Sequence)
                    : clients.OrderBy(c => ClientJson.Attribute(c, tenant.TenantId, sortField), StringComparer.Ordinal).ThenBy(c => c.Sequence);
            return Pager.Page(request, [.. ordered.Select(c => (JsonNode)ClientJson.Render(c, tenant))]);
        }
    }

    private Reply Create(ApiRequest request)
    {
        if (!JsonBody.TryParse(request.Body, out var node, out var error))
        {
            return Reply.BadRequest(error);
        }
        if (node is not JsonObject body)
        {
            return Reply.BadRequest("the body must be a JSON object");
        }
        var spec = ClientValidator.Validate(body, creating: true, tenant.FetchLoopbackJwks, out var consentMethod, out error);
        if (spec is null)
        {
            return Reply.BadRequest(error);
        }
        lock (tenant.Gate)
        {
            var now = tenant.Now;
            var client = new OAuthClient
            {
                ClientId = Ids.ClientId(), Spec = spec, OwnerId = request.Caller.User.Id, Sequence = tenant.NextSequence(),
                CreatedAt = now, UpdatedAt = now,
            };
            tenant.Connections[client.ClientId] = new ClientConnection { ConsentMethod = tenant.IgnoreConsentAtCreate ? "required" : consentMethod };
            var secret = client.Allows(TokenGrants.ClientSecretMethod) ? ClientSecrets.Add(client, request.Caller.User.Id, now) : null;
            tenant.Clients[client.ClientId] = client;
            var json = ClientJson.Render(client, tenant);
            if (secret is not null)
            {
                json["clientSecret"] = secret.Value;
            }
            return Reply.Json(StatusCodes.Status201Created, json);
        }
    }

    private Reply Get(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            return ClientLookup.Find(tenant, request, out var client) ?? Reply.Json(StatusCodes.Status200OK, ClientJson.Render(client, tenant));
        }
    }

    private Reply Patch(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client) is { } notFound)
            {
                return notFound;
            }
            var patched = client.Spec.ToJson();
            if (!ClientPatch.TryApply(patched, request.Body, out var error))
            {
                return Reply.BadRequest(error);
            }
            var spec = ClientValidator.Validate(patched, creating: false, tenant.FetchLoopbackJwks, out _, out error);
            if (spec is null)
            {
                return Reply.BadRequest(error);
            }
            var hadSecretMethod = client.Allows(TokenGrants.ClientSecretMethod);
            client.Spec = spec;
            client.UpdatedAt = tenant.Now;
            if (!client.Allows(TokenGrants.ClientSecretMethod))
            {
                // Without the method the secrets can no longer authenticate: drop them rather than keep dead credentials.
                client.ClearSecrets();
            }
            else if (!hadSecretMethod)
            {
                var secret = ClientSecrets.Add(client, request.Caller.User.Id, client.UpdatedAt);
                return Reply.Json(StatusCodes.Status202Accepted, new JsonObject { ["clientSecret"] = secret.Value });
            }
            return Reply.NoContent();
        }
    }

    private Reply Delete(ApiRequest request)
    {
        var id = request.Route["id"];
        var confirm = request.Http.Request.Headers["qlik-confirm-delete"].ToString();
        if (confirm.Length == 0)
        {
            return Reply.BadRequest($"the qlik-confirm-delete header is required: send qlik-confirm-delete: {id}");
        }
        if (confirm != id)
        {
            return Reply.BadRequest($"the qlik-confirm-delete header '{confirm}' does not match the client id '{id}'");
        }
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client) is { } notFound)
            {
                return notFound;
            }
            tenant.Clients.Remove(client.ClientId);
            tenant.Connections.Remove(client.ClientId);
            tenant.Region.Withdraw(client.ClientId);
            foreach (var token in tenant.Tokens.Values.Where(t => t.ClientId == client.ClientId).ToList())
            {
                tenant.Tokens.Remove(token.Value);
            }
            return Reply.NoContent();
        }
    }

    private Reply Publish(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client) is { } notFound)
            {
                return notFound;
            }
            client.PublishedAt = tenant.Now;
            client.UpdatedAt = client.PublishedAt.Value;
            tenant.Region.Publish(client);
            return Reply.Json(StatusCodes.Status201Created, new JsonObject { ["publishedAt"] = JsonBody.Format(client.PublishedAt.Value) });
        }
    }
}
