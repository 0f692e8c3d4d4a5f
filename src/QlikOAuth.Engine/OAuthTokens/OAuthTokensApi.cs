using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;

namespace QlikOAuth.Engine.OAuthTokens
{
    /// <summary>
    /// <c>/api/v1/oauth-tokens</c>: the tenant's live OAuth tokens (a TenantAdmin sees every user's) and their
    /// revocation by id, which takes effect at once. The sign-out of a web app's user is: list by user, revoke each.
    /// </summary>
    public sealed class OAuthTokensApi
    {
        public const string BasePath = "/api/v1/oauth-tokens";
        public const string InvalidTokenId = "InvalidOAuthTokenId";
        private const int PageSize = 100;

        private readonly QlikConnection _connection;
        private readonly ITenantCredential _credential;

        public OAuthTokensApi(QlikConnection connection, ITenantCredential credential)
        {
            _connection = connection;
            _credential = credential;
        }

        /// <param name="userId">
        /// Only this user's tokens, as the tenant filters them (<see cref="ListOfUserAsync"/> checks the filter); null: every
        /// token the caller may see. An empty id is sent as it is, for the tenant to refuse, never dropped into no filter.
        /// </param>
        public async Task<List<OAuthTokenRecord>> ListAsync(string? userId, CancellationToken cancellationToken)
        {
            string path = BasePath + "?limit=" + PageSize + (userId is null ? string.Empty : "&userId=" + Uri.EscapeDataString(userId));
            var tokens = new List<OAuthTokenRecord>();
            await foreach (JsonElement item in QlikPage.ReadAllAsync(_connection, _credential, path, cancellationToken).ConfigureAwait(false))
            {
                tokens.Add(Read(item));
            }

            return tokens;
        }

        /// <summary>
        /// The live tokens of one user, for the audit and the sign-out. The list is not trusted to have applied its
        /// filter: a token listed for anyone else (or for no one) is left out and counted in a warning, so a tenant that
        /// ignored the filter cannot turn one user's sign-out into everyone's.
        /// </summary>
        public async Task<List<OAuthTokenRecord>> ListOfUserAsync(UserReference user, CancellationToken cancellationToken)
        {
            string userId = await ResolveUserIdAsync(user, cancellationToken).ConfigureAwait(false);
            List<OAuthTokenRecord> listed = await ListAsync(userId, cancellationToken).ConfigureAwait(false);
            List<OAuthTokenRecord> own = listed.FindAll(token => string.Equals(token.UserId, userId, StringComparison.Ordinal));
            if (own.Count < listed.Count)
            {
                QlikLog.Warning($"{BasePath} listed {listed.Count - own.Count} token(s) of other users when asked for the tokens of {user} ({userId}); they were left out and left alone.");
            }

            return own;
        }

        /// <summary>The user id a sign-out names: the id as given, else the one user with the subject, else with the email.</summary>
        public async Task<string> ResolveUserIdAsync(UserReference user, CancellationToken cancellationToken)
        {
            if (user.UserId != null)
            {
                return user.UserId;
            }

            QlikUser found = user.Subject != null
                ? await UsersApi.FindBySubjectAsync(_connection, _credential, user.Subject, cancellationToken).ConfigureAwait(false)
                : await UsersApi.FindByEmailAsync(_connection, _credential, user.Email!, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(found.Id))
            {
                // Listing by an empty id would list, and a sign-out revoke, every user's tokens.
                throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"The users API answered {user} without an id; no token was listed or revoked.", user.ToString());
            }

            return found.Id!;
        }

        /// <summary>Revokes one token; the tenant refuses it from then on.</summary>
        public async Task RevokeAsync(string tokenId, CancellationToken cancellationToken)
        {
            string path = BasePath + "/" + OAuthClientValidator.CheckPathSegment(tokenId, InvalidTokenId, "OAuth token id (Get-QlikOAuthToken lists them)");
            try
            {
                await _connection.SendAsync(new QlikRequest(HttpMethod.Delete, path) { Credential = _credential }, cancellationToken).ConfigureAwait(false);
                QlikLog.Verbose($"Revoked OAuth token {tokenId}.");
            }
            catch (QlikApiException notFound) when (notFound.StatusCode == HttpStatusCode.NotFound)
            {
                throw new QlikOAuthException(OAuthTokenErrors.OAuthTokenNotFound, QlikErrorKind.NotFound, $"The tenant has no live OAuth token with id {tokenId}: it was revoked or has expired.", tokenId, notFound);
            }
        }

        private static OAuthTokenRecord Read(JsonElement json)
        {
            string? id = OAuthClientReader.Text(json, "id");
            if (json.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(id))
            {
                throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"{BasePath} listed something that is not an OAuth token (no id).", BasePath);
            }

            return new OAuthTokenRecord
            {
                Id = id!,
                UserId = OAuthClientReader.Text(json, "userId"),
                TenantId = OAuthClientReader.Text(json, "tenantId"),
                LastUsed = OAuthClientReader.Date(json, "lastUsed"),
                DeviceType = OAuthClientReader.Text(json, "deviceType"),
                Description = OAuthClientReader.Text(json, "description"),
            };
        }
    }
}
