using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.Clients;

/// <summary>
/// Applies Qlik's JSON Patch dialect to a client's writable fields: an array of {op: add|remove|replace, path, value}
/// on top-level paths only. The result is then validated like a create body by the caller.
/// </summary>
internal static class ClientPatch
{
    private static readonly HashSet<string> Paths =
    [
        "/allowedOrigins", "/clientName", "/clientUri", "/description", "/logoUri", "/redirectUris", "/allowedScopes",
        "/allowedGrantTypes", "/publicKeys", "/allowedAuthMethods", "/jwksUri",
    ];

    public static bool TryApply(JsonObject target, string body, out string error)
    {
        if (!JsonBody.TryParse(body, out var node, out error))
        {
            return false;
        }
        if (node is not JsonArray operations)
        {
            error = "the body must be a JSON array of patch operations";
            return false;
        }
        if (operations.Count == 0)
        {
            error = "the patch has no operations";
            return false;
        }
        for (var i = 0; i < operations.Count; i++)
        {
            if (!TryApplyOne(target, operations[i], $"[{i}]", out error))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryApplyOne(JsonObject target, JsonNode? node, string where, out string error)
    {
        error = "";
        if (node is not JsonObject operation)
        {
            error = $"{where} must be an object {{op, path, value}}";
            return false;
        }
        var op = JsonBody.AsString(operation["op"]);
        var path = JsonBody.AsString(operation["path"]);
        if (op is not ("add" or "remove" or "replace"))
        {
            error = $"{where}.op must be add, remove or replace";
            return false;
        }
        if (path is null || !Paths.Contains(path))
        {
            error = $"{where}.path '{path}' is not patchable; allowed: {string.Join(" ", Paths)}";
            return false;
        }
        var field = path[1..];
        if (op == "remove")
        {
            if (!target.Remove(field))
            {
                error = $"{where}: nothing to remove at {path}";
                return false;
            }
            return true;
        }
        if (!operation.TryGetPropertyValue("value", out var value) || value is null)
        {
            error = $"{where}.value is required for {op}";
            return false;
        }
        if (field == "publicKeys")
        {
            value = NormalizeKeys(value, where, out error);
            if (value is null)
            {
                return false;
            }
        }
        // add and replace both set the member (RFC 6902 §4.1 for objects); replace on an absent optional field is
        // tolerated like add, since Qlik's tools send replace for every change.
        target[field] = value.DeepClone();
        return true;
    }

    /// <summary>
    /// A <c>/publicKeys</c> value may be an array of JWK objects, JWK JSON strings (the generated client's type is
    /// <c>string | string[]</c>), a single JWK, or a JWK Set; all become an array of JWK objects.
    /// </summary>
    private static JsonArray? NormalizeKeys(JsonNode value, string where, out string error)
    {
        error = "";
        var items = value is JsonArray array ? array.ToList() : [value];
        var keys = new JsonArray();
        foreach (var item in items)
        {
            var parsed = item;
            if (JsonBody.AsString(item) is { } text && !JsonBody.TryParse(text, out parsed, out _))
            {
                error = $"{where}.value: a /publicKeys string must hold a JWK as JSON";
                return null;
            }
            if (parsed is JsonObject set && set["keys"] is JsonArray setKeys)
            {
                foreach (var key in setKeys)
                {
                    keys.Add(key?.DeepClone());
                }
            }
            else if (parsed is JsonObject jwk)
            {
                keys.Add(jwk.DeepClone());
            }
            else
            {
                error = $"{where}.value: /publicKeys takes JWK objects or JWK JSON strings";
                return null;
            }
        }
        return keys;
    }
}
