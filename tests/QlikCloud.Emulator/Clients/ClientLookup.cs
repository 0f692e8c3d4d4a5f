using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

internal static class ClientLookup
{
    /// <summary>
    /// The client named by the route's <c>{id}</c>, or the 404 reply. Call under the tenant lock. Only this tenant's own
    /// clients, unless <paramref name="publishedElsewhere"/>: a client another tenant published is configured here
    /// (connection-configs/me) but neither read nor changed (unconfirmed, see <see cref="EmulatorOptions"/>).
    /// </summary>
    public static Reply? Find(Tenant tenant, ApiRequest request, out OAuthClient client, bool publishedElsewhere = false)
    {
        var id = request.Route["id"];
        if ((publishedElsewhere ? tenant.FindClient(id) : tenant.Clients.GetValueOrDefault(id)) is { } found)
        {
            client = found;
            return null;
        }
        client = null!;
        return Reply.NotFound($"no OAuth client has clientId '{id}'");
    }
}
