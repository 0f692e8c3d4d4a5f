using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace QlikCloud.Emulator.Http;

/// <summary>What a handler answers. Handlers run under the tenant lock, so they build replies and never write.</summary>
internal sealed record Reply(int Status, JsonNode? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static Reply Json(int status, JsonNode body) => new(status, body);

    /// <summary>An HTML page (the sign-in and consent pages); never cached, as it carries a pending sign-in.</summary>
    public static Reply Page(string html) =>
        new(StatusCodes.Status200OK, null, new Dictionary<string, string> { ["Cache-Control"] = "no-store" }) { Html = html };

    /// <summary>302 to <paramref name="location"/>: how /oauth/authorize hands the browser back to the app.</summary>
    public static Reply Redirect(string location) =>
        new(StatusCodes.Status302Found, null, new Dictionary<string, string> { ["Location"] = location, ["Cache-Control"] = "no-store" });

    /// <summary>Set for a page: written as text/html instead of <see cref="Body"/>.</summary>
    public string? Html { get; init; }

    public static Reply NoContent() => new(StatusCodes.Status204NoContent);

    /// <summary>Qlik's REST error body. <paramref name="statusAsString"/>: the token endpoint writes status as a string, the REST APIs as a number.</summary>
    public static Reply Error(int status, string code, string title, string detail, bool statusAsString = false, IReadOnlyDictionary<string, string>? headers = null)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["title"] = title,
            ["detail"] = detail,
            ["status"] = statusAsString ? JsonValue.Create(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(status),
        };
        var body = new JsonObject { ["errors"] = new JsonArray(error), ["traceId"] = Ids.TraceId() };
        return new Reply(status, body, headers);
    }

    /// <summary>A REST API error whose code is <c>HTTP-&lt;status&gt;</c> (the real per-endpoint codes are unconfirmed).</summary>
    public static Reply Http(int status, string detail, IReadOnlyDictionary<string, string>? headers = null) =>
        Error(status, $"HTTP-{status}", ReasonPhrases.GetReasonPhrase(status), detail, headers: headers);

    public static Reply BadRequest(string detail) => Http(StatusCodes.Status400BadRequest, detail);

    public static Reply NotFound(string detail) => Http(StatusCodes.Status404NotFound, detail);
}
