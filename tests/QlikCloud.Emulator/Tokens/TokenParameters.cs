using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// The parameters of a /oauth/token or /oauth/revoke body: JSON (Qlik's own client) or form encoding (flat
/// parameters only; <c>user_lookup</c> is an object and so needs JSON).
/// </summary>
internal sealed class TokenParameters
{
    private readonly Dictionary<string, string> _values;

    private TokenParameters(Dictionary<string, string> values, JsonObject? userLookup, bool isJson)
    {
        _values = values;
        UserLookup = userLookup;
        IsJson = isJson;
    }

    public JsonObject? UserLookup { get; }
    public bool IsJson { get; }

    /// <summary>A parameter's value; empty strings count as absent.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public bool Has(string name) => this[name] is not null;

    /// <summary>A copy with one more parameter: a refresh request authenticates without client_id (section 8.2).</summary>
    public TokenParameters With(string name, string value) =>
        new(new Dictionary<string, string>(_values, StringComparer.Ordinal) { [name] = value }, UserLookup, IsJson);

    public static bool TryParse(string? contentType, string body, out TokenParameters parameters, out string error)
    {
        parameters = new TokenParameters([], null, isJson: false);
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        switch (mediaType)
        {
            case "application/json":
                return TryParseJson(body, out parameters, out error);
            case "application/x-www-form-urlencoded":
                return TryParseForm(body, out parameters, out error);
            default:
                error = "Content-Type must be application/json or application/x-www-form-urlencoded";
                return false;
        }
    }

    private static bool TryParseJson(string body, out TokenParameters parameters, out string error)
    {
        parameters = new TokenParameters([], null, isJson: true);
        if (!JsonBody.TryParse(body, out var node, out error))
        {
            return false;
        }
        if (node is not JsonObject json)
        {
            error = "the request body must be a JSON object";
            return false;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonObject? userLookup = null;
        foreach (var (name, value) in json)
        {
            if (value is null)
            {
                continue;
            }
            if (name == "user_lookup")
            {
                userLookup = value as JsonObject;
                if (userLookup is null)
                {
                    error = "user_lookup must be an object {\"field\", \"value\"}";
                    return false;
                }
                continue;
            }
            if (value.GetValueKind() != JsonValueKind.String)
            {
                error = $"parameter '{name}' must be a string";
                return false;
            }
            values[name] = value.GetValue<string>();
        }
        parameters = new TokenParameters(values, userLookup, isJson: true);
        return true;
    }

    private static bool TryParseForm(string body, out TokenParameters parameters, out string error)
    {
        parameters = new TokenParameters([], null, isJson: false);
        error = "";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in QueryHelpers.ParseQuery(body))
        {
            if (value.Count > 1)
            {
                error = $"parameter '{name}' is repeated";
                return false;
            }
            if (name == "user_lookup")
            {
                error = "user_lookup is an object: send the token request as JSON";
                return false;
            }
            values[name] = value.ToString();
        }
        parameters = new TokenParameters(values, null, isJson: false);
        return true;
    }
}
