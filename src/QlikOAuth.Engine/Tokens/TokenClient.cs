using System;
using System.Collections.Generic;
using System.Net.Http;
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
            if (QlikLog.IsListening)
            {
                string who = request.User is null ? string.Empty : $" for {request.User}";
                QlikLog.Verbose($"Requesting a {request.GrantType} token from client {request.Client.ClientId} ({request.Client.Method}){who}.");
            }

            QlikResponse response;
            try
            {
                // The body is built per attempt: a retry after a long Retry-After needs a freshly signed assertion.
                response = await connection.SendAsync(TokenCall("/oauth/token", sendTime => TokenBody(request, connection.TokenEndpoint, sendTime)), cancellationToken).ConfigureAwait(false);
            }
            catch (QlikApiException exception) when (IsRefusal(exception))
            {
                throw Refusal(exception, request.Client.ClientId);
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

        /// <summary>
        /// A person's grant (authorization_code or refresh_token, section 8.2): <paramref name="parameters"/> plus the
        /// client's credential when it has one (a public client sends none). Returns the token and the new refresh token.
        /// </summary>
        public static async Task<(AccessToken Token, string? RefreshToken)> RequestGrantAsync(
            QlikConnection connection, string grantType, string clientId, ClientAuthentication? client, IDictionary<string, object> parameters, CancellationToken cancellationToken)
        {
            DateTimeOffset now = connection.Clock.GetUtcNow();
            QlikResponse response;
            try
            {
                response = await connection.SendAsync(TokenCall("/oauth/token", sendTime =>
                {
                    var body = new Dictionary<string, object>(parameters) { ["grant_type"] = grantType };
                    client?.AddTo(body, connection.TokenEndpoint, sendTime);
                    return QlikJson.Serialize(body);
                }), cancellationToken).ConfigureAwait(false);
            }
            catch (QlikApiException exception) when (IsRefusal(exception))
            {
                throw Refusal(exception, clientId);
            }

            TokenAnswer answer = ReadAnswer(response, askedScope: null);
            return (new AccessToken(answer.AccessToken!, answer.TokenType, ExpiryOf(answer, now), answer.Scope, clientId, grantType, null), answer.RefreshToken);
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

        // A 4xx other than 429 from the token endpoint is the tenant refusing the client or the request: said as a token refusal.
        private static bool IsRefusal(QlikApiException exception) =>
            !(exception is QlikTokenException) && (int)exception.StatusCode != 429 && (int)exception.StatusCode < 500;

        private static QlikTokenException Refusal(QlikApiException exception, string clientId) =>
            new QlikTokenException(exception.Path, exception.StatusCode, new QlikErrorBody(exception.Code, exception.Title, exception.Detail, exception.TraceId), exception.RetryAfter, clientId);

        /// <summary>The token answer, which must hold an access token.</summary>
        private static TokenAnswer ReadAnswer(QlikResponse response, string? askedScope)
        {
            TokenAnswer answer = TokenAnswer.Read(response, askedScope);
            if (string.IsNullOrEmpty(answer.AccessToken))
            {
                throw new QlikOAuthException(
                    "QlikApi.InvalidResponse",
                    QlikErrorKind.InvalidResponse,
                    $"The token endpoint answered {(int)response.StatusCode} without an access_token. Retry; if it persists, the tenant or a proxy in between is misbehaving.",
                    response.Path);
            }

            return answer;
        }

        private static AccessToken Parse(QlikResponse response, TokenRequest request, DateTimeOffset now)
        {
            TokenAnswer answer = ReadAnswer(response, request.Scope);
            return new AccessToken(answer.AccessToken!, answer.TokenType, ExpiryOf(answer, now), answer.Scope, request.Client.ClientId, request.GrantType, request.User);
        }

        /// <summary>
        /// When the token dies on the local clock: <paramref name="now"/> (taken before the request was sent) plus
        /// expires_in, never later than expires_at. expires_at alone is the tenant's clock, and a local clock behind
        /// it would keep a dead token; without either, Qlik's documented 6 hours.
        /// </summary>
        private static DateTimeOffset ExpiryOf(TokenAnswer answer, DateTimeOffset now)
        {
            DateTimeOffset? atTenant = answer.ExpiresAt;
            DateTimeOffset? local = answer.ExpiresIn is int expiresIn ? now.AddSeconds(expiresIn) : (DateTimeOffset?)null;
            if (local is null)
            {
                return atTenant ?? now.AddHours(6);
            }

            return atTenant is null || local < atTenant ? local.Value : atTenant.Value;
        }
    }
}
