using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace QlikCloud.Emulator.Http;

/// <summary>
/// Cursor paging as Qlik's list endpoints do it: <c>limit</c> 1-100 (default 20), opaque <c>next</c>/<c>prev</c>
/// cursors, absolute <c>links.*.href</c> built from the request's own scheme and host, optional <c>totalResults</c>.
/// </summary>
internal static class Pager
{
    /// <param name="nextParameter">The query parameter of the next page's cursor: <c>next</c>, or <c>page</c> where an API names one cursor for both directions (oauth-tokens).</param>
    /// <param name="prevParameter">The previous page's cursor parameter; equal to <paramref name="nextParameter"/> for a single cursor.</param>
    public static Reply Page(ApiRequest request, IReadOnlyList<JsonNode> items, string nextParameter = "next", string prevParameter = "prev")
    {
        var limit = 20;
        if (request.Query("limit") is { } limitText && (!int.TryParse(limitText, out limit) || limit < 1 || limit > 100))
        {
            return Reply.BadRequest("limit must be an integer from 1 to 100");
        }
        var includeTotal = false;
        if (request.Query("totalResults") is { } totalText && !bool.TryParse(totalText, out includeTotal))
        {
            return Reply.BadRequest("totalResults must be true or false");
        }
        var next = request.Query(nextParameter);
        var prev = nextParameter == prevParameter ? null : request.Query(prevParameter);
        if (next is not null && prev is not null)
        {
            return Reply.BadRequest("next and prev are exclusive");
        }
        var offset = 0;
        if ((next ?? prev) is { } cursor && !TryDecodeCursor(cursor, out offset))
        {
            return Reply.BadRequest($"'{cursor}' is not a valid paging cursor");
        }
        var page = items.Skip(offset).Take(limit).Select(i => i.DeepClone()).ToArray();
        var links = new JsonObject { ["self"] = Link(request, null, null, null) };
        if (offset + limit < items.Count)
        {
            links["next"] = Link(request, nextParameter, prevParameter, EncodeCursor(offset + limit));
        }
        if (offset > 0)
        {
            links["prev"] = Link(request, prevParameter, nextParameter, EncodeCursor(Math.Max(0, offset - limit)));
        }
        var body = new JsonObject { ["data"] = new JsonArray(page), ["links"] = links };
        if (includeTotal)
        {
            body["totalResults"] = items.Count;
        }
        return Reply.Json(StatusCodes.Status200OK, body);
    }

    private static JsonObject Link(ApiRequest request, string? cursorName, string? otherCursorName, string? cursor)
    {
        var path = request.Origin + request.Http.Request.Path;
        if (cursorName is null)
        {
            return new JsonObject { ["href"] = path + request.Http.Request.QueryString };
        }
        var query = request.Http.Request.Query
            .Where(q => q.Key != cursorName && q.Key != otherCursorName)
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new KeyValuePair<string, string?>(cursorName, cursor));
        return new JsonObject { ["href"] = QueryHelpers.AddQueryString(path, query) };
    }

    private static string EncodeCursor(int offset) => Base64Url.Encode(Encoding.UTF8.GetBytes($"offset:{offset}"));

    private static bool TryDecodeCursor(string cursor, out int offset)
    {
        offset = 0;
        return Base64Url.TryDecode(cursor, out var bytes)
            && Encoding.UTF8.GetString(bytes) is var text
            && text.StartsWith("offset:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(7), out offset)
            && offset >= 0;
    }
}
