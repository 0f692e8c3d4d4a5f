using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// A client's credentials one at a time: its secrets as objects, removing one secret, adding or removing one public
    /// key. Qlik changes keys only as a whole list (PATCH /publicKeys), so a key change reads the list first and writes
    /// it back with one key more or less; a list with a key this module cannot read is refused rather than rewritten
    /// without it. Removing the last way a client can authenticate needs <c>force</c>; the last key of a client that
    /// allows private_key_jwt is never removed, as Qlik requires one for that method.
    /// </summary>
    public sealed class ClientCredentials
    {
        private readonly OAuthClientsApi _api;

        public ClientCredentials(OAuthClientsApi api) => _api = api;

        /// <summary>Adds a secret (see <see cref="OAuthClientsApi.AddSecretAsync"/>) once the client is read and known to be confidential.</summary>
        public async Task<NewClientSecret> AddSecretAsync(string clientId, CancellationToken cancellationToken)
        {
            AppTypeRules.EnsureConfidential(await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false));
            return await _api.AddSecretAsync(clientId, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<ClientSecretInfo>> ListSecretsAsync(string clientId, CancellationToken cancellationToken) =>
            (await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false)).Secrets;

        /// <param name="force">Remove it even when it is the client's last way to authenticate; also skips reading the client.</param>
        public async Task RemoveSecretAsync(string clientId, string hint, bool force, CancellationToken cancellationToken)
        {
            if (!force)
            {
                OAuthClient client = await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
                AppTypeRules.EnsureConfidential(client);
                if (client.SecretHints.Contains(hint))
                {
                    AuthenticationPaths.EnsureOneRemains(client, secretsRemoved: 1, $"secret {hint}");
                }
            }

            await _api.RemoveSecretAsync(clientId, hint, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Registers one more key; a kid the client has already is refused.</summary>
        public async Task AddKeyAsync(string clientId, PublicJwk key, CancellationToken cancellationToken) =>
            await AddKeyAsync(await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false), key, cancellationToken).ConfigureAwait(false);

        /// <summary>Registers one more key on a client just read (a rotation has read it already: no second read).</summary>
        internal async Task AddKeyAsync(OAuthClient client, PublicJwk key, CancellationToken cancellationToken)
        {
            AppTypeRules.EnsureConfidential(client);
            List<PublicJwk> keys = KeysOf(client);
            EnsureNewKeyId(client, key.Kid, "Register the new key under another -KeyId, or replace the old one with Update-QlikOAuthClientKey.");
            keys.Add(key);
            await WriteKeysAsync(client.ClientId, keys, $"The key '{key.Kid}' may have been added to client {client.ClientId}", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Refuses a kid the client has already, before any change; <paramref name="advice"/> says what to do instead.</summary>
        internal static void EnsureNewKeyId(OAuthClient client, string keyId, string advice)
        {
            if (client.PublicKeys.Any(existing => existing.Kid == keyId))
            {
                throw ClientErrors.Invalid(
                    ClientErrors.DuplicateKeyId,
                    $"Client {client.ClientId} has a key with the key id '{keyId}' already. {advice}",
                    keyId);
            }
        }

        /// <summary>Refuses a kid the client does not have, naming the ones it has; <paramref name="advice"/> says what to do.</summary>
        internal static void EnsureHasKeyId(OAuthClient client, string keyId, string advice)
        {
            if (client.PublicKeys.All(existing => existing.Kid != keyId))
            {
                throw new QlikOAuthException(
                    CredentialErrors.PublicKeyNotFound,
                    QlikErrorKind.NotFound,
                    $"Client {client.ClientId} has no public key with the key id '{keyId}'. Its keys: {Names(client.PublicKeyIds)}. {advice}",
                    keyId);
            }
        }

        public async Task RemoveKeyAsync(string clientId, string keyId, CancellationToken cancellationToken)
        {
            OAuthClient client = await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
            AppTypeRules.EnsureConfidential(client);
            List<PublicJwk> keys = KeysOf(client);
            EnsureHasKeyId(client, keyId, $"See them with Get-QlikOAuthClient -ClientId {clientId} | Select-Object -ExpandProperty PublicKeys.");
            keys.RemoveAll(key => key.Kid == keyId);

            if (keys.Count == 0 && client.JwksUri is null && client.AllowedAuthMethods.Contains(ClientVocabulary.PrivateKeyJwtMethod))
            {
                // Qlik refuses private_key_jwt without a key, so -Force cannot help here: say what can.
                throw ClientErrors.Invalid(
                    ClientErrors.PublicKeyRequired,
                    $"'{keyId}' is the last key of client {clientId}, which allows private_key_jwt, and Qlik requires a key for that method. Add another key first (Add-QlikOAuthClientKey, or Update-QlikOAuthClientKey to replace it), or stop using the method (Set-QlikOAuthClient -AuthenticationMethod ClientSecret).",
                    keyId);
            }

            await WriteKeysAsync(clientId, keys, $"The key '{keyId}' may have been removed from client {clientId}", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The client's keys as a list to change; refused when a key cannot be read, as writing the list back would drop it.</summary>
        internal static List<PublicJwk> KeysOf(OAuthClient client)
        {
            if (client.PublicKeys.Count != client.PublicKeyIds.Count)
            {
                string[] unreadable = client.PublicKeyIds.Where(kid => client.PublicKeys.All(key => key.Kid != kid)).ToArray();
                throw new QlikOAuthException(
                    CredentialErrors.ClientKeysUnreadable,
                    QlikErrorKind.InvalidData,
                    $"Client {client.ClientId} has public keys this module cannot read ({Names(unreadable)}; see RawJson): changing one key rewrites the whole list and would drop them. Change its keys with Set-QlikOAuthClient -PublicKey (the whole list) instead.",
                    client.ClientId);
            }

            return client.PublicKeys.ToList();
        }

        private async Task WriteKeysAsync(string clientId, List<PublicJwk> keys, string mayHave, CancellationToken cancellationToken)
        {
            try
            {
                await _api.UpdateAsync(clientId, new ClientDefinition { PublicKeys = keys }, cancellationToken).ConfigureAwait(false);
            }
            catch (QlikOAuthException lost) when (LostAnswer.Is(lost))
            {
                throw new QlikOAuthException(
                    CredentialErrors.KeyChangeOutcomeUnknown,
                    lost.Kind,
                    $"{mayHave}, but the tenant's answer was lost ({lost.Message}). Check the key ids with Get-QlikOAuthClient -ClientId {clientId} | Select-Object -ExpandProperty PublicKeys before trying again.",
                    clientId,
                    lost);
            }
        }

        private static string Names(IEnumerable<string> names)
        {
            string joined = string.Join(", ", names.Select(name => $"'{name}'"));
            return joined.Length == 0 ? "none" : joined;
        }
    }
}
