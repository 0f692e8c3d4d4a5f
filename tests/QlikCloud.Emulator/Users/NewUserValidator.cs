using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.Users;

/// <summary>
/// The body of <c>POST /api/v1/users</c> as section 8.4 documents it: <c>subject</c> required; <c>name</c>, <c>email</c>,
/// <c>status</c>, <c>picture</c>, <c>tenantId</c> and <c>assignedRoles</c> (<c>[{id}]</c> or <c>[{name}]</c>) optional.
/// The documented status enum is only <c>invited</c>; Qlik's own embedding sample sends <c>active</c> and works, so
/// both are taken (inferred, not confirmed). A user made without a status is invited, as the reference describes it.
/// </summary>
internal static class NewUserValidator
{
    public const string DefaultStatus = "invited";

    private static readonly string[] CreatableStatuses = ["invited", "active"];

    public static EmulatorUser? Validate(string body, out string error)
    {
        if (!JsonBody.TryParse(body, out var node, out error))
        {
            return null;
        }
        if (node is not JsonObject json)
        {
            error = "the request body must be a JSON object";
            return null;
        }
        var subject = JsonBody.AsString(json["subject"]);
        if (string.IsNullOrWhiteSpace(subject))
        {
            error = "subject is required";
            return null;
        }
        var status = json["status"] is null ? DefaultStatus : JsonBody.AsString(json["status"]);
        if (status is null || !CreatableStatuses.Contains(status))
        {
            error = $"status must be one of {string.Join(", ", CreatableStatuses)}";
            return null;
        }
        if (!TryRoles(json["assignedRoles"], out var roles, out error))
        {
            return null;
        }
        return new EmulatorUser
        {
            Subject = subject,
            Email = JsonBody.AsString(json["email"]) ?? "",
            Name = JsonBody.AsString(json["name"]) ?? "",
            Status = status,
            Roles = roles,
        };
    }

    // Roles are named by id or by name; the emulator knows roles by name only, so an id stands for itself.
    private static bool TryRoles(JsonNode? node, out List<string> roles, out string error)
    {
        roles = [];
        error = "";
        if (node is null)
        {
            return true;
        }
        if (node is not JsonArray array)
        {
            error = "assignedRoles must be an array of {id} or {name}";
            return false;
        }
        foreach (var item in array)
        {
            var role = item is JsonObject role0 ? JsonBody.AsString(role0["name"]) ?? JsonBody.AsString(role0["id"]) : null;
            if (string.IsNullOrWhiteSpace(role))
            {
                error = "each of assignedRoles must be {id} or {name}";
                return false;
            }
            roles.Add(role);
        }
        return true;
    }
}
