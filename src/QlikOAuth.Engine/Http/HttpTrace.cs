using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// The -Debug line of one HTTP exchange: method, URL, status, time, and the headers that explain a slow or refused
    /// call (request or trace id, rate limits, Retry-After). Built from an allowlist, so no header that can carry a
    /// secret (Authorization, cookies) is ever written, and query values whose name suggests a secret are masked.
    /// </summary>
    public static class HttpTrace
    {
        private static readonly string[] SecretQueryNames = { "token", "secret", "key", "assertion", "password", "code" };
        private static readonly string[] TracedHeaderParts = { "request-id", "requestid", "trace", "ratelimit", "rate-limit", "retry-after" };

        public static string Line(string method, Uri target, HttpResponseMessage response, long elapsedMilliseconds)
        {
            IEnumerable<string> headers = response.Headers
                .Where(header => TracedHeaderParts.Any(part => header.Key.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0))
                .Select(header => $"{header.Key}: {string.Join(",", header.Value)}");
            string traced = string.Join("; ", headers);
            return $"HTTP {method} {Redact(target)} -> {(int)response.StatusCode} {response.StatusCode} in {elapsedMilliseconds} ms{(traced.Length == 0 ? string.Empty : " (" + traced + ")")}";
        }

        /// <summary>The URL with the value of every query parameter named like a secret replaced by ***.</summary>
        public static string Redact(Uri target) => target.GetLeftPart(UriPartial.Authority) + RedactedPathAndQuery(target);

        /// <summary>Path and query as logs and messages show them: secret-named query values replaced by ***.</summary>
        public static string RedactedPathAndQuery(Uri target)
        {
            string query = target.Query.TrimStart('?');
            if (query.Length == 0)
            {
                return target.AbsolutePath;
            }

            IEnumerable<string> pairs = query.Split('&').Select(pair =>
            {
                int equals = pair.IndexOf('=');
                string name = equals < 0 ? pair : pair.Substring(0, equals);
                return equals >= 0 && SecretQueryNames.Any(secret => name.IndexOf(secret, StringComparison.OrdinalIgnoreCase) >= 0) ? name + "=***" : pair;
            });
            return target.AbsolutePath + "?" + string.Join("&", pairs);
        }
    }
}
