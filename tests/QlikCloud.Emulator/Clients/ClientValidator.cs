using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>
/// Validates a create body, or the body a JSON Patch produces, against the documented limits. The first failure is
/// reported, naming the field, so a test can tell exactly which rule fired.
/// </summary>
internal static class ClientValidator
{
    public static readonly string[] AppTypes = ["web", "native", "spa", "anonymous-embed"];

    /// <summary>
    /// Section 8.1: an anonymous embed signs no one in. Which types take consent and publish is unconfirmed; the
    /// strict reading, as the module has it: only those that sign people in, so an anonymous embed stays consent required.
    /// </summary>
    public static bool SignsPeopleIn(string appType) => appType != "anonymous-embed";

    private static readonly HashSet<string> WritableFields =
    [
        "appType", "clientName", "description", "clientUri", "logoUri", "redirectUris", "allowedOrigins",
        "allowedScopes", "allowedGrantTypes", "allowedAuthMethods", "publicKeys", "jwksUri",
    ];

    /// <summary>Returns the spec and the consent method the body asks for (<c>required</c> when absent), or an error.</summary>
    /// <param name="loopbackJwks">Also take an http jwksUri on a loopback address (see EmulatorOptions.FetchLoopbackJwks).</param>
    public static ClientSpec? Validate(JsonObject body, bool creating, bool loopbackJwks, out string consentMethod, out string error)
    {
        consentMethod = "required";
        var unknown = body.Select(p => p.Key).FirstOrDefault(k => !WritableFields.Contains(k) && !(creating && k == "connectionConfig"));
        if (unknown is not null)
        {
            return Fail($"unknown field '{unknown}'", out error);
        }
        var appType = JsonBody.AsString(body["appType"]);
        if (appType is null)
        {
            return Fail("appType is required (a string)", out error);
        }
        if (!AppTypes.Contains(appType))
        {
            return Fail($"appType must be one of {string.Join(", ", AppTypes)}", out error);
        }
        var isWeb = appType == "web";
        if (!TryText(body, "clientName", 512, required: true, out var clientName, out error)
            || !TryText(body, "description", 4096, required: false, out var description, out error)
            || !TryUri(body, "clientUri", 2048, httpsOnly: false, out var clientUri, out error)
            || !TryUri(body, "logoUri", 2048, httpsOnly: false, out var logoUri, out error)
            || !TryJwksUri(body, loopbackJwks, out var jwksUri, out error)
            || !TryUriList(body, "redirectUris", out var redirectUris, out error)
            || !TryUriList(body, "allowedOrigins", out var allowedOrigins, out error)
            || !TryStrings(body, "allowedScopes", IsScopeToken, "a scope token (no spaces or quotes)", out var scopes, out error)
            || !TryStrings(body, "allowedGrantTypes", TokenGrants.All.Contains, string.Join(" or ", TokenGrants.All), out var grants, out error)
            || !TryStrings(body, "allowedAuthMethods", TokenGrants.AuthMethods.Contains, string.Join(" or ", TokenGrants.AuthMethods), out var methods, out error)
            || !TryKeys(body, out var keys, out error)
            || (creating && !TryConsent(body, out consentMethod, out error)))
        {
            return null;
        }
        if (!isWeb && grants is { Count: > 0 })
        {
            return Fail("allowedGrantTypes is only allowed for appType web", out error);
        }
        if (!isWeb && methods is { Count: > 0 })
        {
            return Fail("allowedAuthMethods is only allowed for appType web", out error);
        }
        // Section 8.1: keys are for confidential (web) clients; an anonymous embed signs no one in, so it has no redirect URI.
        if (!isWeb && (keys.Count > 0 || jwksUri is not null))
        {
            return Fail($"{(keys.Count > 0 ? "publicKeys" : "jwksUri")} is only allowed for appType web", out error);
        }
        if (!SignsPeopleIn(appType) && redirectUris is { Count: > 0 })
        {
            return Fail($"redirectUris is not allowed for appType {appType}", out error);
        }
        if (!SignsPeopleIn(appType) && consentMethod == "trusted")
        {
            return Fail($"connectionConfig.consentMethod trusted is not allowed for appType {appType}: it signs no one in", out error);
        }
        if (isWeb && methods is { Count: 0 })
        {
            return Fail("allowedAuthMethods must name at least one method for a web client", out error);
        }
        var authMethods = methods ?? (isWeb ? [TokenGrants.ClientSecretMethod] : []);
        if (keys.Count > 0 && jwksUri is not null)
        {
            return Fail("publicKeys and jwksUri are exclusive: register keys inline or by URL, not both", out error);
        }
        if (authMethods.Contains(TokenGrants.PrivateKeyJwtMethod) && keys.Count == 0 && jwksUri is null)
        {
            return Fail("publicKeys is required when allowedAuthMethods includes private_key_jwt", out error);
        }
        error = "";
        return new ClientSpec(appType, clientName!, description, clientUri, logoUri, redirectUris ?? [], allowedOrigins ?? [],
            scopes ?? [], grants ?? [], authMethods, keys, jwksUri);
    }

    private static bool TryText(JsonObject body, string name, int max, bool required, out string? value, out string error)
    {
        value = null;
        error = "";
        if (body[name] is null)
        {
            if (required)
            {
                error = $"{name} is required";
                return false;
            }
            return true;
        }
        value = JsonBody.AsString(body[name]);
        if (value is null)
        {
            error = $"{name} must be a string";
            return false;
        }
        if (required && string.IsNullOrWhiteSpace(value))
        {
            error = $"{name} must not be empty";
            return false;
        }
        if (value.Length > max)
        {
            error = $"{name} is longer than {max} characters";
            return false;
        }
        return true;
    }

    private static bool TryJwksUri(JsonObject body, bool loopbackJwks, out string? value, out string error)
    {
        if (!TryUri(body, "jwksUri", 2048, httpsOnly: !loopbackJwks, out value, out error) || value is null)
        {
            return error.Length == 0;
        }
        if (loopbackJwks && !new Uri(value).IsLoopback)
        {
            error = "jwksUri must be a URL on a loopback address: this emulator fetches no other";
            return false;
        }
        return true;
    }

    private static bool TryUri(JsonObject body, string name, int max, bool httpsOnly, out string? value, out string error)
    {
        if (!TryText(body, name, max, required: false, out value, out error) || value is null)
        {
            return error.Length == 0;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (httpsOnly && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = httpsOnly ? $"{name} must be an absolute https URL" : $"{name} must be an absolute URL";
            return false;
        }
        return true;
    }

    /// <summary>redirectUris / allowedOrigins: at most 5 absolute URLs of at most 256 characters.</summary>
    private static bool TryUriList(JsonObject body, string name, out List<string>? values, out string error)
    {
        if (!TryStrings(body, name, v => Uri.TryCreate(v, UriKind.Absolute, out _), "an absolute URL", out values, out error) || values is null)
        {
            return error.Length == 0;
        }
        if (values.Count > 5)
        {
            error = $"{name} has {values.Count} items; at most 5 are allowed";
            return false;
        }
        var tooLong = values.FindIndex(v => v.Length > 256);
        if (tooLong >= 0)
        {
            error = $"{name}[{tooLong}] is longer than 256 characters";
            return false;
        }
        return true;
    }

    private static bool TryStrings(JsonObject body, string name, Func<string, bool> isValid, string expected, out List<string>? values, out string error)
    {
        values = null;
        error = "";
        var node = body[name];
        if (node is null)
        {
            return true;
        }
        if (node is not JsonArray array)
        {
            error = $"{name} must be an array of strings";
            return false;
        }
        values = [];
        for (var i = 0; i < array.Count; i++)
        {
            var item = JsonBody.AsString(array[i]);
            if (item is null)
            {
                error = $"{name}[{i}] must be a string";
                return false;
            }
            if (!isValid(item))
            {
                error = $"{name}[{i}] '{item}' is not valid: expected {expected}";
                return false;
            }
            if (values.Contains(item))
            {
                error = $"{name}[{i}] '{item}' is a duplicate";
                return false;
            }
            values.Add(item);
        }
        return true;
    }

    private static bool TryKeys(JsonObject body, out List<RegisteredKey> keys, out string error)
    {
        keys = [];
        error = "";
        var node = body["publicKeys"];
        if (node is null)
        {
            return true;
        }
        if (node is not JsonArray array)
        {
            error = "publicKeys must be an array of JWKs";
            return false;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject jwk)
            {
                error = $"publicKeys[{i}] must be a JWK object";
                return false;
            }
            var key = JwkValidator.Validate(jwk, $"publicKeys[{i}]", out error);
            if (key is null)
            {
                return false;
            }
            if (keys.Any(k => k.Kid == key.Kid))
            {
                error = $"publicKeys[{i}]: kid '{key.Kid}' is used twice; kids must be unique";
                return false;
            }
            keys.Add(key with { Jwk = (JsonObject)jwk.DeepClone() });
        }
        return true;
    }

    /// <summary>Only <c>trusted</c> may be set at creation; leaving it out means consent stays <c>required</c>.</summary>
    private static bool TryConsent(JsonObject body, out string consentMethod, out string error)
    {
        consentMethod = "required";
        error = "";
        var node = body["connectionConfig"];
        if (node is null)
        {
            return true;
        }
        if (node is not JsonObject config)
        {
            error = "connectionConfig must be an object";
            return false;
        }
        var unknown = config.Select(p => p.Key).FirstOrDefault(k => k != "consentMethod");
        if (unknown is not null)
        {
            error = $"unknown field 'connectionConfig.{unknown}'";
            return false;
        }
        if (JsonBody.AsString(config["consentMethod"]) != "trusted")
        {
            error = "connectionConfig.consentMethod must be \"trusted\" (the only value accepted at creation)";
            return false;
        }
        consentMethod = "trusted";
        return true;
    }

    /// <summary>RFC 6749 scope-token: printable ASCII without space, double quote or backslash.</summary>
    private static bool IsScopeToken(string scope) =>
        scope.Length > 0 && scope.All(c => c is >= '!' and <= '~' && c != '"' && c != '\\');

    private static ClientSpec? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
