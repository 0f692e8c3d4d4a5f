using System.Net;
using System.Text.Json;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>A successful answer: status and body text. Errors never get this far, they throw.</summary>
    public sealed class QlikResponse
    {
        public QlikResponse(string method, string path, HttpStatusCode status, string body)
        {
            Method = method;
            Path = path;
            StatusCode = status;
            Body = body;
        }

        public string Method { get; }
        public string Path { get; }
        public HttpStatusCode StatusCode { get; }
        public string Body { get; }

        /// <summary>The body as JSON; a body that is not JSON is the tenant's fault and says so.</summary>
        public JsonElement Json()
        {
            using JsonDocument document = Document();
            return document.RootElement.Clone();
        }

        /// <summary>
        /// The body as a JSON document the caller disposes: for a caller that reads what it needs before it lets go,
        /// such as each token answer, without the copy <see cref="Json"/> makes.
        /// </summary>
        public JsonDocument Document()
        {
            try
            {
                return JsonDocument.Parse(Body);
            }
            catch (JsonException exception)
            {
                throw new QlikOAuthException(
                    "QlikApi.InvalidResponse",
                    QlikErrorKind.InvalidResponse,
                    $"{Method} {Path} answered {(int)StatusCode} with a body that is not valid JSON. Retry; if it persists, the tenant or a proxy in between is misbehaving.",
                    Path,
                    exception);
            }
        }
    }
}
