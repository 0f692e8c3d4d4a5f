using System;
using System.Net;
using System.Text.Json;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>A successful answer: status and body. Errors never get this far, they throw.</summary>
    public sealed class QlikResponse
    {
        private string? _body;

        /// <param name="utf8Body">The body as it came, without a byte order mark.</param>
        public QlikResponse(string method, string path, HttpStatusCode status, ArraySegment<byte> utf8Body)
        {
            Method = method;
            Path = path;
            StatusCode = status;
            Utf8Body = utf8Body;
        }

        public string Method { get; }
        public string Path { get; }
        public HttpStatusCode StatusCode { get; }

        /// <summary>The body's UTF-8 bytes, which JSON is read from.</summary>
        public ArraySegment<byte> Utf8Body { get; }

        /// <summary>The body as text, decoded when first asked for.</summary>
        public string Body => _body ??= Utf8Text.Decode(Utf8Body);

        /// <summary>The body as JSON; a body that is not JSON is the tenant's fault and says so.</summary>
        public JsonElement Json()
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(Utf8Body);
                return document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw NotJson(exception);
            }
        }

        /// <summary>The error for a body that is not valid JSON, for a caller that reads the bytes itself.</summary>
        public QlikOAuthException NotJson(JsonException exception) => new QlikOAuthException(
            "QlikApi.InvalidResponse",
            QlikErrorKind.InvalidResponse,
            $"{Method} {Path} answered {(int)StatusCode} with a body that is not valid JSON. Retry; if it persists, the tenant or a proxy in between is misbehaving.",
            Path,
            exception);
    }
}
