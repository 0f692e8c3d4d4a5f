using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Rest
{
    /// <summary>Any Qlik REST call (Invoke-QlikRestMethod): the connection's retries, 429 gate and errors, answers as plain values.</summary>
    public static class RestApi
    {
        public static async Task<RestResponse> SendAsync(
            QlikConnection connection, ITenantCredential credential, HttpMethod method, string pathOrUrl, string? jsonBody, CancellationToken cancellationToken)
        {
            var request = new QlikRequest(method, pathOrUrl) { Credential = credential, JsonBody = CheckJson(jsonBody) };
            QlikResponse response = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(response.Body))
            {
                return new RestResponse(response.StatusCode, null, null, null);
            }

            JsonElement json = response.Json();
            bool isList = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array;
            if (!isList)
            {
                return new RestResponse(response.StatusCode, JsonTree.FromElement(json), null, null);
            }

            QlikPage page = QlikPage.Read(response);
            List<object?> items = page.Items.Select(JsonTree.FromElement).ToList();
            return new RestResponse(response.StatusCode, JsonTree.FromElement(json), items, page.NextHref);
        }

        /// <summary>
        /// Sends, then follows links.next.href page after page and gathers the items of every page. A link seen before
        /// ends the walk, so a tenant that pages in a circle cannot hold the caller. An answer that is no list comes
        /// back as it is.
        /// </summary>
        public static async Task<RestResponse> SendAllPagesAsync(
            QlikConnection connection, ITenantCredential credential, HttpMethod method, string pathOrUrl, string? jsonBody, CancellationToken cancellationToken)
        {
            RestResponse first = await SendAsync(connection, credential, method, pathOrUrl, jsonBody, cancellationToken).ConfigureAwait(false);
            if (first.Items is null)
            {
                return first;
            }

            var items = new List<object?>(first.Items);
            var seen = new HashSet<string>(StringComparer.Ordinal) { pathOrUrl };
            for (string? next = first.NextHref; next != null && seen.Add(next);)
            {
                RestResponse page = await SendAsync(connection, credential, method, next, jsonBody, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items ?? new List<object?>());
                next = page.NextHref;
            }

            return new RestResponse(first.StatusCode, first.Content, items, null);
        }

        // A body given as text is sent as it is, but only if it is JSON: the tenant's 400 would say less.
        private static string? CheckJson(string? jsonBody)
        {
            if (jsonBody is null)
            {
                return null;
            }

            try
            {
                using (JsonDocument.Parse(jsonBody))
                {
                    return jsonBody;
                }
            }
            catch (JsonException exception)
            {
                throw new QlikValidationException("InvalidJsonBody", $"The body is not valid JSON: {exception.Message}");
            }
        }
    }
}
