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
        private const string BearerType = "bearer";

        public static async Task<AccessToken> RequestAsync(QlikConnection connection, TokenRequest request, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object> { ["grant_type"] = request.GrantType };
            request.Client.AddTo(body, connection.TokenEndpoint, now);
            if (request.Scope != null)
            {
                body["scope"] = request.Scope;
            }

            if (request.User != null)
            {
                body["user_lookup"] = new Dictionary<string, string> { ["field"] = request.User.Field, ["value"] = request.User.Value };
            }

            string who = request.User is null ? string.Empty : $" for {request.User}";
            QlikLog.Verbose($"Requesting a {request.GrantType} token from client {request.Client.ClientId} ({request.Client.Method}){who}.");
            QlikResponse response;
            try
            {
                response = await connection.SendAsync(TokenCall("/oauth/token", body), cancellationToken).ConfigureAwait(false);
            }
            catch (QlikApiException exception) when (!(exception is QlikTokenException) && (int)exception.StatusCode != 429 && (int)exception.StatusCode < 500)
            {
                throw new QlikTokenException(exception.Path, exception.StatusCode, new QlikErrorBody(exception.Code, exception.Title, exception.Detail, exception.TraceId), exception.RetryAfter, request.Client.ClientId);
            }

            return Parse(response, request, now);
        }

        public static async Task RevokeAsync(QlikConnection connection, string token, string? tokenTypeHint, CancellationToken cancellationToken)
        {
            var body = new Dictionary<string, object> { ["token"] = token };
            if (tokenTypeHint != null)
            {
                body["token_type_hint"] = tokenTypeHint;
            }

            await connection.SendAsync(TokenCall("/oauth/revoke", body), cancellationToken).ConfigureAwait(false);
        }

        // Token calls are not idempotent (each issues a new token) and count against tier 2.
        private static QlikRequest TokenCall(string path, Dictionary<string, object> body) =>
            new QlikRequest(HttpMethod.Post, path) { JsonBody = QlikJson.Serialize(body), Idempotent = false, Tier = RateTier.Tier2 };

        private static AccessToken Parse(QlikResponse response, TokenRequest request, DateTimeOffset now)
        {
            JsonElement json = response.Json();
            string? value = json.TryGetProperty("access_token", out JsonElement token) ? token.GetString() : null;
            if (string.IsNullOrEmpty(value))
            {
                throw new QlikOAuthException(
                    "QlikApi.InvalidResponse",
                    QlikErrorKind.InvalidResponse,
                    "The token endpoint answered without an access_token.",
                    response.Path);
            }

            // Shared text instead of a copy per token: a cache of thousands keeps the same few values (scopes are few,
            // so interning them costs nothing that grows).
            string tokenType = json.TryGetProperty("token_type", out JsonElement type) && !type.ValueEquals(BearerType) ? type.GetString() ?? BearerType : BearerType;
            string? scope = !json.TryGetProperty("scope", out JsonElement granted) || (request.Scope != null && granted.ValueEquals(request.Scope))
                ? request.Scope
                : granted.GetString() is string text ? string.Intern(text) : null;
            return new AccessToken(value!, tokenType, ExpiryOf(json, now), scope, request.Client.ClientId, request.GrantType, request.User);
        }

        /// <summary>
        /// When the token dies on the local clock: <paramref name="now"/> (taken before the request was sent) plus
        /// expires_in, never later than expires_at. expires_at alone is the tenant's clock, and a local clock behind
        /// it would keep a dead token; without either, Qlik's documented 6 hours.
        /// </summary>
        private static DateTimeOffset ExpiryOf(JsonElement json, DateTimeOffset now)
        {
            DateTimeOffset? atTenant = json.TryGetProperty("expires_at", out JsonElement at) && at.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expiresAt)
                ? expiresAt
                : (DateTimeOffset?)null;
            DateTimeOffset? local = json.TryGetProperty("expires_in", out JsonElement seconds) && seconds.TryGetInt32(out int expiresIn)
                ? now.AddSeconds(expiresIn)
                : (DateTimeOffset?)null;
            if (local is null)
            {
                return atTenant ?? now.AddHours(6);
            }

            return atTenant is null || local < atTenant ? local.Value : atTenant.Value;
        }
    }
}
