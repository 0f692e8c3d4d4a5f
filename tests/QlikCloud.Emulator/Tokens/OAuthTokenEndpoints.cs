using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// <c>/api/v1/oauth-tokens</c>: the live access tokens this tenant issued, by id (never the token itself). A TenantAdmin
/// sees and revokes every user's; other callers only their own. A deleted token stops authenticating at once.
/// The token's <c>description</c> names the issuing client by its name (unconfirmed: the API has no clientId field).
/// </summary>
internal sealed class OAuthTokenEndpoints(Tenant tenant)
{
    private const string Base = "/api/v1/oauth-tokens";

    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", Base, Access.AnyUser, List),
        new("DELETE", Base + "/{tokenId}", Access.AnyUser, Delete),
    ];

    private Reply List(ApiRequest request)
    {
        var sort = request.Query("sort");
        if (sort is not null && sort != "userId")
        {
            return Reply.BadRequest("sort must be \"userId\"");
        }
        var userId = request.Query("userId");
        if (userId is { Length: 0 })
        {
            return Reply.BadRequest("userId must not be empty");
        }
        lock (tenant.Gate)
        {
            var caller = request.Caller;
            var tokens = Live()
                .Where(t => caller.IsTenantAdmin || t.UserId == caller.User.Id)
                .Where(t => userId is null || tenant.IgnoreTokenUserFilter || t.UserId == userId);
            tokens = sort is null ? tokens : tokens.OrderBy(t => t.UserId, StringComparer.Ordinal);
            return Pager.Page(request, [.. tokens.Select(t => (JsonNode)Render(t))], "page", "page");
        }
    }

    private Reply Delete(ApiRequest request)
    {
        var id = request.Route["tokenId"];
        lock (tenant.Gate)
        {
            var token = Live().FirstOrDefault(t => t.Id == id);
            if (token is null)
            {
                return Reply.NotFound($"no active OAuth token has id '{id}'");
            }
            if (!request.Caller.IsTenantAdmin && token.UserId != request.Caller.User.Id)
            {
                return Reply.Http(StatusCodes.Status403Forbidden, "revoking another user's token needs TenantAdmin");
            }
            tenant.Tokens.Remove(token.Value);
            return Reply.NoContent();
        }
    }

    /// <summary>In a stable order (paging must not skip), without expired tokens and tokens of deleted clients.</summary>
    private IEnumerable<IssuedToken> Live()
    {
        var now = tenant.Now;
        return tenant.Tokens.Values.Where(t => t.ExpiresAt > now && tenant.FindClient(t.ClientId) is not null)
            .OrderBy(t => t.ExpiresAt).ThenBy(t => t.Id, StringComparer.Ordinal);
    }

    private JsonObject Render(IssuedToken token)
    {
        // deviceType is left out: these tokens come from client grants, not a user's device.
        var json = new JsonObject
        {
            ["id"] = token.Id,
            ["userId"] = token.UserId,
            ["tenantId"] = tenant.TenantId,
            ["description"] = tenant.FindClient(token.ClientId)?.Spec.ClientName,
        };
        if (token.LastUsed is { } lastUsed)
        {
            json["lastUsed"] = JsonBody.Format(lastUsed);
        }
        return json;
    }
}
