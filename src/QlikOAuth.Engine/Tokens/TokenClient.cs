using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>POST /oauth/token and /oauth/revoke. No cache here: see the session's token cache.</summary>
    public static class TokenClient
    {
        public static async Task<AccessToken> RequestAsync(QlikConnection connection, TokenRequest request, DateTimeOffset now, CancellationToken cancellationToken)
        {
            string who = request.User is null ? string.Empty : $" for {request.User}";
            QlikLog.Verbose($"Requesting a {request.GrantType} token from client {request.Client.ClientId} ({request.Client.Method}){who}.");
            QlikResponse response;
            try
            {
                // The body is built per attempt: a retry after a long Retry-After needs a freshly signed assertion.
                response = await connection.SendAsync(TokenCall("/oauth/token", sendTime => TokenBody(request, connection.TokenEndpoint, sendTime)), cancellationToken).ConfigureAwait(false);
            }
            catch (QlikApiException exception) when (!(exception is QlikTokenException) && (int)exception.StatusCode != 429 && (int)exception.StatusCode < 500)
            {
                throw new QlikTokenException(exception.Path, exception.StatusCode, new QlikErrorBody(exception.Code, exception.Title, exception.Detail, exception.TraceId), exception.RetryAfter, request.Client.ClientId);
            }

            return Parse(response, request, now);
        }

        /// <param name="client">The client that owns the token, when known: the revocation is then authenticated as it (RFC 7009 section 2.1).</param>
        public static async Task RevokeAsync(QlikConnection connection, string token, string? tokenTypeHint, ClientAuthentication? client, CancellationToken cancellationToken)
        {
            await connection.SendAsync(
                TokenCall("/oauth/revoke", sendTime =>
                {
                    var body = new Dictionary<string, object> { ["token"] = token };
                    if (tokenTypeHint != null)
                    {
                        body["token_type_hint"] = tokenTypeHint;
                    }

                    client?.AddTo(body, connection.TokenEndpoint, sendTime);
                    return QlikJson.Serialize(body);
                }),
                cancellationToken).ConfigureAwait(false);
        }

        private static string TokenBody(TokenRequest request, Uri tokenEndpoint, DateTimeOffset sendTime)
        {
            var body = new Dictionary<string, object> { ["grant_type"] = request.GrantType };
            request.Client.AddTo(body, tokenEndpoint, sendTime);
            if (request.Scope != null)
            {
                body["scope"] = request.Scope;
            }

            if (request.User != null)
            {
                body["user_lookup"] = new Dictionary<string, string> { ["field"] = request.User.Field, ["value"] = request.User.Value };
            }

            return QlikJson.Serialize(body);
        }

        // Token calls are not idempotent (each issues a new token) and count against tier 2.
        private static QlikRequest TokenCall(string path, Func<DateTimeOffset, string> body) =>
            new QlikRequest(HttpMethod.Post, path) { JsonBodyFactory = body, Idempotent = false, Tier = RateTier.Tier2 };

        private static AccessToken Parse(QlikResponse response, TokenRequest request, DateTimeOffset now)
        {
            JsonElement json = response.Json();
            string? value = Text(json, "access_token");
            if (string.IsNullOrEmpty(value))
            {
                throw new QlikOAuthException(
                    "QlikApi.InvalidResponse",
                    QlikErrorKind.InvalidResponse,
                    $"The token endpoint answered {(int)response.StatusCode} without an access_token. Retry; if it persists, the tenant or a proxy in between is misbehaving.",
                    response.Path);
            }

            string tokenType = Text(json, "token_type") ?? "bearer";
            string? scope = Text(json, "scope") ?? request.Scope;
            return new AccessToken(value!, tokenType, ExpiryOf(json, now), scope, request.Client.ClientId, request.GrantType, request.User);
        }

        // expires_at when given (the tenant's clock); else now + expires_in; else Qlik's documented 6 hours.
        private static DateTimeOffset ExpiryOf(JsonElement json, DateTimeOffset now)
        {
            if (Text(json, "expires_at") is string at
                && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expiresAt))
            {
                return expiresAt;
            }

            if (Member(json, "expires_in") is JsonElement seconds && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetInt32(out int expiresIn))
            {
                return now.AddSeconds(expiresIn);
            }

            return now.AddHours(6);
        }

        // Read defensively: a body of another shape (an array, a number where text belongs) is the tenant's fault, not a crash.
        private static string? Text(JsonElement json, string name) =>
            Member(json, name) is JsonElement value && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static JsonElement? Member(JsonElement json, string name) =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) ? value : (JsonElement?)null;
    }
}
