using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Csp;

/// <summary>
/// Validates a POST or PUT body of a CSP origin entry. Unknown fields and wrong types are refused, naming the field;
/// the read-only fields a GET returns (id, createdDate, modifiedDate) may come back in a PUT and are ignored.
/// </summary>
internal static class CspOriginValidator
{
    private const int MaxNameLength = 256;
    private const int MaxDescriptionLength = 2048;

    private static readonly HashSet<string> ReadOnlyFields = ["id", "createdDate", "modifiedDate"];

    public static CspOriginSpec? Validate(string body, out string error)
    {
        if (!JsonBody.TryParse(body, out var node, out error))
        {
            return null;
        }
        if (node is not JsonObject json)
        {
            return Fail("the body must be a JSON object", out error);
        }
        var unknown = json.Select(p => p.Key).FirstOrDefault(k => k is not ("origin" or "name" or "description") && !CspDirectives.Fields.Contains(k) && !ReadOnlyFields.Contains(k));
        if (unknown is not null)
        {
            return Fail($"unknown field '{unknown}'", out error);
        }
        var origin = JsonBody.AsString(json["origin"]);
        if (string.IsNullOrEmpty(origin))
        {
            return Fail("origin is required (a string)", out error);
        }
        if (!CspOriginSyntax.IsValid(origin))
        {
            return Fail($"origin '{origin}' must be a host with an optional scheme and port, such as https://custom-app.com (no path, query or spaces)", out error);
        }
        if (!TryText(json, "name", MaxNameLength, out var name, out error) || !TryText(json, "description", MaxDescriptionLength, out var description, out error))
        {
            return null;
        }
        var directives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in CspDirectives.Fields)
        {
            var value = json[field];
            if (value is null)
            {
                continue;
            }
            if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Fail($"{field} must be true or false", out error);
            }
            if (value.GetValue<bool>())
            {
                directives.Add(field);
            }
        }
        return new CspOriginSpec(CspOriginSyntax.Normalize(origin), name, description, directives);
    }

    private static bool TryText(JsonObject json, string field, int maxLength, out string? value, out string error)
    {
        error = "";
        value = null;
        if (json[field] is null)
        {
            return true;
        }
        value = JsonBody.AsString(json[field]);
        if (value is null)
        {
            error = $"{field} must be a string";
            return false;
        }
        if (value.Length > maxLength)
        {
            error = $"{field} is longer than {maxLength} characters";
            return false;
        }
        return true;
    }

    private static CspOriginSpec? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
