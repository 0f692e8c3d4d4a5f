using System.Text.Json;
using System.Text.Json.Serialization;

namespace QlikOAuth.Engine.Json
{
    /// <summary>The one set of serializer options for Qlik's camelCase JSON; unknown fields are tolerated.</summary>
    public static class QlikJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
        };

        public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

        public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
    }
}
