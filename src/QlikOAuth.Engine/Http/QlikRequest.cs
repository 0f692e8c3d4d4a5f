using System;
using System.Collections.Generic;
using System.Net.Http;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Qlik counts GETs (tier 1) apart from writes and token requests (tier 2), per caller.</summary>
    public enum RateTier
    {
        Tier1 = 0,
        Tier2 = 1,
    }

    /// <summary>One REST call as the engine wants it made.</summary>
    public sealed class QlikRequest
    {
        public QlikRequest(HttpMethod method, string pathOrUrl)
        {
            Method = method;
            PathOrUrl = pathOrUrl;
            Idempotent = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
                || method == HttpMethod.Delete || method == HttpMethod.Options;
            Tier = method == HttpMethod.Get || method == HttpMethod.Head ? RateTier.Tier1 : RateTier.Tier2;
        }

        public HttpMethod Method { get; }

        /// <summary>A path on the tenant ("/api/v1/users/me"), or an absolute URL on the tenant's own host (paging links).</summary>
        public string PathOrUrl { get; }

        /// <summary>JSON text to send, or null for none.</summary>
        public string? JsonBody { get; set; }

        /// <summary>
        /// Builds the JSON body anew for every attempt, given the send time; used instead of <see cref="JsonBody"/> when
        /// set. A signed client assertion must be fresh on each try: a retry after a long Retry-After would otherwise
        /// carry an expired assertion with a spent jti.
        /// </summary>
        public Func<DateTimeOffset, string>? JsonBodyFactory { get; set; }

        /// <summary>Who the call acts as; null for the token endpoint, which authenticates in its body.</summary>
        public ITenantCredential? Credential { get; set; }

        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

        /// <summary>Safe to repeat after a 5xx or a dropped connection. A create never is: it might have happened.</summary>
        public bool Idempotent { get; set; }

        public RateTier Tier { get; set; }
    }
}
