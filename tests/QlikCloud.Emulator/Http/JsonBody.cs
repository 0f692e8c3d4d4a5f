using System.Text.Json;
using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.Http;

/// <summary>Strict JSON reading: malformed text and duplicate keys are refused, not guessed at.</summary>
internal static class JsonBody
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Readable output: links keep their literal '&amp;' and '+' instead of \u0026 escapes.</summary>
    public static readonly JsonSerializerOptions Output = new(Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool TryParse(string text, out JsonNode? node, out string error)
    {
        node = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the request body is empty";
            return false;
        }
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (node is null)
            {
                error = "the request body is JSON null";
                return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            error = $"the request body is not valid JSON ({ex.Message})";
            return false;
        }
    }

    /// <summary>The string value of a node, or null when it is absent or not a JSON string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
