using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

internal static class ClientLookup
{
    /// <summary>The client named by the route's <c>{id}</c>, or the 404 reply. Call under the tenant lock.</summary>
    public static Reply? Find(Tenant tenant, ApiRequest request, out OAuthClient client)
    {
        var id = request.Route["id"];
        if (tenant.Clients.TryGetValue(id, out var found))
        {
            client = found;
            return null;
        }
        client = null!;
        return Reply.NotFound($"no OAuth client has clientId '{id}'");
    }
}
