using System.Text.Json;

namespace QlikOAuth.Engine.Errors
{
    /// <summary>
    /// The first error of a Qlik error body. Qlik answers <c>{"errors":[{code,title,detail,status}],"traceId"}</c>
    /// with <c>status</c> a string on /oauth/token and a number elsewhere; an OAuth server may answer RFC 6749's
    /// <c>{error, error_description}</c> instead. Anything else (HTML from a proxy, nothing) yields an empty body.
    /// </summary>
    public sealed class QlikErrorBody
    {
        public static readonly QlikErrorBody Empty = new QlikErrorBody(null, null, null, null);

        public QlikErrorBody(string? code, string? title, string? detail, string? traceId)
        {
            Code = code;
            Title = title;
            Detail = detail;
            TraceId = traceId;
        }

        public string? Code { get; }
        public string? Title { get; }
        public string? Detail { get; }
        public string? TraceId { get; }

        public static QlikErrorBody Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return Empty;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(body!);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return Empty;
                }

                string? traceId = Text(root, "traceId");
                if (root.TryGetProperty("errors", out JsonElement errors)
                    && errors.ValueKind == JsonValueKind.Array
                    && errors.GetArrayLength() > 0
                    && errors[0].ValueKind == JsonValueKind.Object)
                {
                    JsonElement first = errors[0];
                    return new QlikErrorBody(Text(first, "code"), Text(first, "title"), Text(first, "detail"), traceId);
                }

                string? error = Text(root, "error");
                return error is null ? Empty : new QlikErrorBody(error, error, Text(root, "error_description"), traceId);
            }
            catch (JsonException)
            {
                return Empty;
            }
        }

        // Numbers are read as text too: `status` and some codes arrive as either.
        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;
    }
}
