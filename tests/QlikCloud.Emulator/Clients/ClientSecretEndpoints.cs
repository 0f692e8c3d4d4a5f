using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>Secret rotation: add a secret (at most 5 per client) and remove one by its hint.</summary>
internal sealed class ClientSecretEndpoints(Tenant tenant)
{
    private const string Base = "/api/v1/oauth-clients/{id}/client-secrets";

    public IEnumerable<ApiRoute> Routes =>
    [
        new("POST", Base, Access.TenantAdmin, Create),
        new("DELETE", Base + "/{hint}", Access.TenantAdmin, Delete),
    ];

    private Reply Create(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client) is { } notFound)
            {
                return notFound;
            }
            // Unconfirmed: a client without the client_secret method has no use for a secret; refusing beats minting a dead one.
            if (!client.Allows(TokenGrants.ClientSecretMethod))
            {
                return Reply.BadRequest("the client does not allow the client_secret auth method");
            }
            if (client.Secrets.Count >= ClientSecrets.MaxPerClient)
            {
                return Reply.Http(StatusCodes.Status409Conflict, $"the client already has {ClientSecrets.MaxPerClient} secrets; delete one first");
            }
            var secret = ClientSecrets.Add(client, request.Caller.User.Id, tenant.Now);
            client.UpdatedAt = secret.CreatedAt;
            return Reply.Json(StatusCodes.Status201Created, new JsonObject
            {
                ["clientId"] = client.ClientId,
                ["clientSecret"] = secret.Value,
                ["hint"] = secret.Hint,
                ["createdAt"] = JsonBody.Format(secret.CreatedAt),
                ["createdBy"] = secret.CreatedBy,
            });
        }
    }

    private Reply Delete(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            if (ClientLookup.Find(tenant, request, out var client) is { } notFound)
            {
                return notFound;
            }
            var hint = request.Route["hint"];
            if (!client.RemoveSecret(hint))
            {
                return Reply.NotFound($"the client has no secret with hint '{hint}'");
            }
            client.UpdatedAt = tenant.Now;
            return Reply.NoContent();
        }
    }
}
