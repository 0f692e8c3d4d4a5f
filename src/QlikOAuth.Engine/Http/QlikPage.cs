using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>One page of a Qlik list: <c>{data:[...], links:{next:{href}}}</c>. The next link is absolute.</summary>
    public sealed class QlikPage
    {
        private QlikPage(IReadOnlyList<JsonElement> items, string? nextHref)
        {
            Items = items;
            NextHref = nextHref;
        }

        public IReadOnlyList<JsonElement> Items { get; }

        public string? NextHref { get; }

        public static QlikPage Read(QlikResponse response)
        {
            JsonElement json = response.Json();
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new QlikOAuthException(
                    "QlikApi.InvalidResponse",
                    QlikErrorKind.InvalidResponse,
                    $"{response.Method} {response.Path} answered a JSON {json.ValueKind} where a list page (an object with data) belongs. Retry; if it persists, the tenant or a proxy in between is misbehaving.",
                    response.Path);
            }

            IReadOnlyList<JsonElement> items = json.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().Select(item => item.Clone()).ToList()
                : new List<JsonElement>();
            string? next = json.TryGetProperty("links", out JsonElement links) && links.ValueKind == JsonValueKind.Object
                && links.TryGetProperty("next", out JsonElement link) && link.ValueKind == JsonValueKind.Object
                && link.TryGetProperty("href", out JsonElement href) && href.ValueKind == JsonValueKind.String
                    ? href.GetString()
                    : null;
            return new QlikPage(items, string.IsNullOrEmpty(next) ? null : next);
        }

        /// <summary>Every item of a list, page after page, following links.next.href until it is absent.</summary>
        public static async IAsyncEnumerable<JsonElement> ReadAllAsync(
            QlikConnection connection, ITenantCredential credential, string firstPath, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            string? next = firstPath;
            var seen = new HashSet<string>();
            while (next != null && seen.Add(next))
            {
                QlikResponse response = await connection.SendAsync(new QlikRequest(HttpMethod.Get, next) { Credential = credential }, cancellationToken).ConfigureAwait(false);
                QlikPage page = Read(response);
                foreach (JsonElement item in page.Items)
                {
                    yield return item;
                }

                next = page.NextHref;
            }
        }
    }
}
