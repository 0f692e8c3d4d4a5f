using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// <c>/api/v1/oauth-clients</c>: list, read, create, patch, delete and publish clients, rotate their secrets and set
    /// this tenant's consent method. Input is validated before any request; secrets come back as SecureString only.
    /// A call that deletes a client, removes a secret or changes how a client authenticates or what it may do drops
    /// that client's tokens from the session's cache, whether or not the answer arrived: the tenant may refuse them now.
    /// </summary>
    public sealed class OAuthClientsApi
    {
        public const string BasePath = "/api/v1/oauth-clients";

        /// <summary>Qlik's maximum page size: fewer round trips when listing every client.</summary>
        public const int PageSize = 100;

        private readonly QlikConnection _connection;
        private readonly ITenantCredential _credential;
        private readonly TokenCache? _tokens;

        /// <param name="tokens">The cache to drop a changed client's tokens from; null when none is kept.</param>
        public OAuthClientsApi(QlikConnection connection, ITenantCredential credential, TokenCache? tokens = null)
        {
            _connection = connection;
            _credential = credential;
            _tokens = tokens;
        }

        /// <summary>The session's credential these calls are made with (a rotation switches it when it retires what it signs in with).</summary>
        internal ITenantCredential Credential => _credential;

        /// <param name="filter">A SCIM filter, sent as given (see <see cref="NameEquals"/>).</param>
        /// <param name="sort">"+clientName", "-createdAt", ...</param>
        public async IAsyncEnumerable<OAuthClient> ListAsync(string? filter, string? sort, [EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = PageSize)
        {
            var query = new StringBuilder(BasePath).Append("?limit=").Append(pageSize);
            if (!string.IsNullOrEmpty(filter))
            {
                query.Append("&filter=").Append(Uri.EscapeDataString(filter));
            }

            if (!string.IsNullOrEmpty(sort))
            {
                query.Append("&sort=").Append(Uri.EscapeDataString(sort));
            }

            await foreach (JsonElement item in QlikPage.ReadAllAsync(_connection, _credential, query.ToString(), cancellationToken).ConfigureAwait(false))
            {
                yield return OAuthClientReader.Read(item, BasePath);
            }
        }

        /// <summary>The whole list at once, for callers that cannot consume an async stream (cmdlets, completers).</summary>
        public async Task<List<OAuthClient>> ListAllAsync(string? filter, string? sort, CancellationToken cancellationToken)
        {
            var clients = new List<OAuthClient>();
            await foreach (OAuthClient client in ListAsync(filter, sort, cancellationToken).ConfigureAwait(false))
            {
                clients.Add(client);
            }

            return clients;
        }

        /// <summary>Every client whose name is exactly <paramref name="name"/> (names are not unique in Qlik).</summary>
        public async Task<IReadOnlyList<OAuthClient>> FindByNameAsync(string name, CancellationToken cancellationToken)
        {
            List<OAuthClient> clients = await ListAllAsync(NameEquals(name), null, cancellationToken).ConfigureAwait(false);
            // Whether Qlik compares names case-sensitively is not documented: decide here, exactly.
            return clients.FindAll(client => string.Equals(client.ClientName, name, StringComparison.Ordinal));
        }

        public async Task<OAuthClient> GetAsync(string clientId, CancellationToken cancellationToken)
        {
            QlikResponse response = await SendAsync(HttpMethod.Get, ClientPath(clientId), null, cancellationToken).ConfigureAwait(false);
            return OAuthClientReader.Read(response.Json(), response.Path);
        }

        /// <param name="definition">The client as wanted; checked here unless it was already (see <see cref="OAuthClientValidator.Check"/>).</param>
        public async Task<CreatedOAuthClient> CreateAsync(ClientDefinition definition, CancellationToken cancellationToken)
        {
            ClientDefinition spec = OAuthClientValidator.Check(definition, forCreate: true);
            OAuthClient client;
            JsonElement json;
            try
            {
                QlikResponse response = await SendAsync(HttpMethod.Post, BasePath, ClientRequestBody.ForCreate(spec), cancellationToken).ConfigureAwait(false);
                json = response.Json();
                client = OAuthClientReader.Read(json, response.Path);
            }
            catch (QlikOAuthException lost) when (LostAnswer.Is(lost))
            {
                throw new QlikOAuthException(
                    ClientErrors.ClientCreateOutcomeUnknown,
                    lost.Kind,
                    $"The OAuth client '{spec.ClientName}' may have been created, but the tenant's answer was lost ({lost.Message}). It was not sent again. Check with Get-QlikOAuthClient -Name '{spec.ClientName}': if it exists, its secret was never shown, so add one with New-QlikOAuthClientSecret (or remove the client) instead of creating it again.",
                    spec.ClientName,
                    lost);
            }

            QlikLog.Verbose($"Created OAuth client {client.ClientId} ('{client.ClientName}').");
            return new CreatedOAuthClient(client, SecretOf(json));
        }

        /// <summary>Applies the changes as one JSON Patch; returns the new secret when the tenant made one (202), else null (204).</summary>
        /// <param name="definition">The fields to set (consent aside: that is <see cref="SetConsentMethodAsync"/>); checked here unless it was already.</param>
        public async Task<NewClientSecret?> UpdateAsync(string clientId, ClientDefinition definition, CancellationToken cancellationToken)
        {
            ClientDefinition changes = OAuthClientValidator.Check(definition, forCreate: false);
            QlikResponse response;
            try
            {
                response = await SendAsync(new HttpMethod("PATCH"), ClientPath(clientId), ClientRequestBody.ForPatch(changes), cancellationToken).ConfigureAwait(false);
            }
            catch (QlikOAuthException lost) when (LostAnswer.Is(lost) && MayMakeSecret(changes))
            {
                throw new QlikOAuthException(
                    ClientErrors.ClientUpdateOutcomeUnknown,
                    lost.Kind,
                    $"The change to client {clientId} may have been applied, but the tenant's answer was lost ({lost.Message}). The change enables client_secret, so the tenant may have made a secret that was never shown. It was not sent again. Check the change with Get-QlikOAuthClient -ClientId {clientId}, and list the client's secrets with Get-QlikOAuthClientSecret -ClientId {clientId}: remove one you do not hold with Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint <hint>, and add one you will see with New-QlikOAuthClientSecret -ClientId {clientId}.",
                    clientId,
                    lost);
            }
            finally
            {
                if (ChangesWhatTokensRestOn(changes))
                {
                    ForgetTokensOf(clientId);
                }
            }

            if (response.StatusCode != HttpStatusCode.Accepted || string.IsNullOrWhiteSpace(response.Body))
            {
                return null;
            }

            JsonElement json = response.Json();
            SecureString? secret = SecretOf(json);
            return secret is null
                ? null
                : new NewClientSecret(clientId, secret, OAuthClientReader.Text(json, "hint"), OAuthClientReader.Date(json, "createdAt"));
        }

        /// <summary>Deletes the client. Always sends <c>qlik-confirm-delete: &lt;clientId&gt;</c>, which the current API requires.</summary>
        public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
        {
            var request = new QlikRequest(HttpMethod.Delete, ClientPath(clientId)) { Credential = _credential };
            request.Headers["qlik-confirm-delete"] = clientId;
            try
            {
                await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ForgetTokensOf(clientId);
            }
        }

        /// <summary>Makes the client usable by every tenant of the region; returns publishedAt.</summary>
        public async Task<DateTimeOffset?> PublishAsync(string clientId, CancellationToken cancellationToken)
        {
            QlikResponse response = await SendAsync(HttpMethod.Post, ClientPath(clientId) + "/actions/publish", null, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(response.Body) ? null : OAuthClientReader.Date(response.Json(), "publishedAt");
        }

        /// <summary>Adds a secret (rotation). Qlik keeps at most five: the sixth is refused with a clear error.</summary>
        public async Task<NewClientSecret> AddSecretAsync(string clientId, CancellationToken cancellationToken)
        {
            QlikResponse response;
            JsonElement json;
            try
            {
                response = await SendAsync(HttpMethod.Post, ClientPath(clientId) + "/client-secrets", null, cancellationToken).ConfigureAwait(false);
                json = response.Json();
            }
            catch (QlikOAuthException lost) when (LostAnswer.Is(lost))
            {
                throw new QlikOAuthException(
                    ClientErrors.ClientSecretOutcomeUnknown,
                    lost.Kind,
                    $"A new secret may have been added to client {clientId}, but the tenant's answer was lost ({lost.Message}), so the secret was never shown. It was not sent again. List the client's secrets with Get-QlikOAuthClientSecret -ClientId {clientId} (hint and creation time of each), compare them with the secrets you hold, and remove an unknown one with Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint <hint>.",
                    clientId,
                    lost);
            }
            catch (QlikApiException conflict) when (conflict.StatusCode == HttpStatusCode.Conflict)
            {
                throw new QlikOAuthException(
                    ClientErrors.ClientSecretLimitReached,
                    QlikErrorKind.Conflict,
                    $"The client {clientId} already has the most secrets Qlik allows (5). Remove one first: Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint <hint> (Get-QlikOAuthClientSecret -ClientId {clientId} lists the hints and when each secret was made).",
                    clientId,
                    conflict);
            }

            SecureString secret = SecretOf(json) ?? throw new QlikOAuthException(
                "QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"{response.Path} answered {(int)response.StatusCode} without a clientSecret.", clientId);
            return new NewClientSecret(OAuthClientReader.Text(json, "clientId") ?? clientId, secret, OAuthClientReader.Text(json, "hint"), OAuthClientReader.Date(json, "createdAt"));
        }

        /// <summary>Removes one secret. Tokens of the client are dropped from the cache: the key cannot tell which secret fetched which.</summary>
        public async Task RemoveSecretAsync(string clientId, string hint, CancellationToken cancellationToken)
        {
            string path = ClientPath(clientId) + "/client-secrets/" + OAuthClientValidator.CheckPathSegment(hint, ClientErrors.InvalidSecretHint, "secret hint");
            try
            {
                await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ForgetTokensOf(clientId);
            }
        }

        /// <summary>This tenant's consent method for the client: "trusted" or "required".</summary>
        public async Task<string?> GetConsentMethodAsync(string clientId, CancellationToken cancellationToken)
        {
            QlikResponse response = await SendAsync(HttpMethod.Get, ClientPath(clientId) + "/connection-configs/me", null, cancellationToken).ConfigureAwait(false);
            return OAuthClientReader.Text(response.Json(), "consentMethod");
        }

        /// <param name="consentMethod">Trusted/Required or trusted/required.</param>
        /// <returns>The wire value set.</returns>
        public async Task<string> SetConsentMethodAsync(string clientId, string consentMethod, CancellationToken cancellationToken)
        {
            string wire = OAuthClientValidator.Consent(consentMethod);
            // Setting a value is safe to repeat after a dropped connection.
            var request = new QlikRequest(new HttpMethod("PATCH"), ClientPath(clientId) + "/connection-configs/me")
            {
                Credential = _credential,
                JsonBody = ClientRequestBody.ForConsent(wire),
                Idempotent = true,
            };
            await _connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return wire;
        }

        /// <summary>The client's consent method: from the read model when it carries one, else from connection-configs/me.</summary>
        public async Task<string?> ConsentMethodOfAsync(OAuthClient client, CancellationToken cancellationToken) =>
            client.ConsentMethod ?? await GetConsentMethodAsync(client.ClientId, cancellationToken).ConfigureAwait(false);

        /// <summary>A SCIM filter for an exact client name; quotes and backslashes escaped per RFC 7644.</summary>
        public static string NameEquals(string name) =>
            "clientName eq \"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        // The tenant makes a secret (202) when a patch turns client_secret on; whether it was on before is not known here.
        private static bool MayMakeSecret(ClientDefinition changes) =>
            changes.AllowedAuthMethods?.Any(method => ClientVocabulary.AuthMethod(method) == ClientVocabulary.ClientSecretMethod) == true;

        // How the client proves itself (auth methods, keys) and what it may do (grants, scopes): tokens issued
        // before may now be refused. A new name or description changes neither.
        private static bool ChangesWhatTokensRestOn(ClientDefinition changes) =>
            changes.AllowedAuthMethods != null || changes.PublicKeys != null || changes.JwksUri != null || changes.AllowedGrantTypes != null || changes.AllowedScopes != null;

        private void ForgetTokensOf(string clientId) => _tokens?.RemoveClient(clientId);

        private static string ClientPath(string clientId) =>
            BasePath + "/" + OAuthClientValidator.CheckPathSegment(clientId, ClientErrors.InvalidClientId, "client id");

        private static SecureString? SecretOf(JsonElement json) =>
            OAuthClientReader.Text(json, OAuthClientReader.SecretMember) is string secret && secret.Length > 0 ? SecretText.Protect(secret) : null;

        private Task<QlikResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
            _connection.SendAsync(new QlikRequest(method, path) { Credential = _credential, JsonBody = body }, cancellationToken);
    }
}
