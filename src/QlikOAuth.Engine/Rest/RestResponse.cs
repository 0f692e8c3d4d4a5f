using System.Collections.Generic;
using System.Net;

namespace QlikOAuth.Engine.Rest
{
    /// <summary>One REST answer as plain values (see <see cref="JsonTree"/>), with the list items and next link of a Qlik list.</summary>
    public sealed class RestResponse
    {
        public RestResponse(HttpStatusCode statusCode, object? content, IReadOnlyList<object?>? items, string? nextHref)
        {
            StatusCode = statusCode;
            Content = content;
            Items = items;
            NextHref = nextHref;
        }

        public HttpStatusCode StatusCode { get; }

        /// <summary>The whole body; null when the tenant answered none (204).</summary>
        public object? Content { get; }

        /// <summary>The body's <c>data</c> array when it is a Qlik list, else null.</summary>
        public IReadOnlyList<object?>? Items { get; }

        /// <summary>links.next.href of a Qlik list: the next page, absolute, on the tenant's own host.</summary>
        public string? NextHref { get; }
    }
}
