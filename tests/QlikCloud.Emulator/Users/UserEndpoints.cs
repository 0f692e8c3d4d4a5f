using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Users;

/// <summary>The users API slice the module needs: who am I, find by email/subject, get by id, create (section 8.4).</summary>
internal sealed class UserEndpoints(Tenant tenant)
{
    /// <summary>A create body over 500 kB is refused with 413, as documented.</summary>
    private const int MaxCreateBodyBytes = 500 * 1024;

    private static readonly string[] FilterAttributes = ["id", "subject", "email", "name", "status"];

    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", "/api/v1/users", Access.AnyUser, List),
        new("POST", "/api/v1/users", Access.TenantAdmin, Create),
        new("GET", "/api/v1/users/me", Access.AnyUser, Me),
        new("GET", "/api/v1/users/{id}", Access.AnyUser, Get),
    ];

    public static JsonObject Render(EmulatorUser user, string tenantId) => new()
    {
        ["id"] = user.Id,
        ["subject"] = user.Subject,
        ["email"] = user.Email,
        ["name"] = user.Name,
        ["status"] = user.Status,
        ["tenantId"] = tenantId,
        ["roles"] = new JsonArray([.. user.Roles.Select(r => (JsonNode)JsonValue.Create(r))]),
    };

    private Reply Me(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            return Reply.Json(StatusCodes.Status200OK, Render(request.Caller.User, tenant.TenantId));
        }
    }

    private Reply Get(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            var id = request.Route["id"];
            return tenant.Users.TryGetValue(id, out var user)
                ? Reply.Json(StatusCodes.Status200OK, Render(user, tenant.TenantId))
                : Reply.NotFound($"no user has id '{id}'");
        }
    }

    /// <summary>
    /// Creates a user (Tier 2, as every write). Subjects are unique: a second user with a subject that exists, whatever
    /// that user's status (a disabled or deleted user keeps its subject), is a 409.
    /// </summary>
    private Reply Create(ApiRequest request)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(request.Body) > MaxCreateBodyBytes)
        {
            return Reply.Http(StatusCodes.Status413PayloadTooLarge, "the request body is over 500 kB");
        }
        if (NewUserValidator.Validate(request.Body, out var error) is not { } user)
        {
            return Reply.BadRequest(error);
        }
        lock (tenant.Gate)
        {
            if (tenant.Users.Values.FirstOrDefault(u => u.Subject == user.Subject) is { } existing)
            {
                return Reply.Http(StatusCodes.Status409Conflict, $"a user with subject '{user.Subject}' exists already (id {existing.Id})");
            }
            user.Id = Ids.UserId();
            tenant.Users[user.Id] = user;
            return Reply.Json(StatusCodes.Status201Created, Render(user, tenant.TenantId));
        }
    }

    /// <summary>Emails and names compare case-insensitively (unconfirmed; mail addresses are case-insensitive in practice).</summary>
    private Reply List(ApiRequest request)
    {
        Func<Func<string, string?>, bool> matches = _ => true;
        if (request.Query("filter") is { } filter)
        {
            var parsed = ScimFilter.TryParse(filter, FilterAttributes,
                a => a is "email" or "name" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal, out var error);
            if (parsed is null)
            {
                return Reply.BadRequest(error);
            }
            matches = parsed;
        }
        lock (tenant.Gate)
        {
            var users = tenant.Users.Values
                .Where(u => matches(a => Attribute(u, a)))
                .OrderBy(u => u.Id, StringComparer.Ordinal)
                .Select(u => (JsonNode)Render(u, tenant.TenantId));
            return Pager.Page(request, [.. users]);
        }
    }

    private static string? Attribute(EmulatorUser user, string name) => name switch
    {
        "id" => user.Id,
        "subject" => user.Subject,
        "email" => user.Email,
        "name" => user.Name,
        "status" => user.Status,
        _ => null,
    };
}
