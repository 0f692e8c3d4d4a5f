using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Rotates a client's public key: registers the new key's public half, proves a private key JWT token signed with
    /// its private half, and retires the old kid: the one given, else the client's only other key. With several other
    /// keys and none named, it refuses before adding anything.
    /// </summary>
    public sealed class KeyRotation : CredentialRotation<PublicJwk>
    {
        private readonly ClientCredentials _credentials;
        private readonly SigningKey _newKey;
        private readonly string? _oldKeyId;

        /// <param name="newKey">The new key with its kid; the caller keeps and disposes it.</param>
        /// <param name="oldKeyId">The kid to retire; null to retire the client's only other key.</param>
        /// <param name="sessionUserId">Whom an impersonation-only client's proof token acts for: the admin session's user.</param>
        public KeyRotation(OAuthClientsApi api, QlikConnection connection, string clientId, string? sessionUserId, SigningKey newKey, string? oldKeyId)
            : base(api, connection, clientId, sessionUserId)
        {
            _credentials = new ClientCredentials(api);
            _newKey = newKey;
            _oldKeyId = oldKeyId;
        }

        private protected override string Noun => "key";

        private protected override string AuthMethod => ClientVocabulary.PrivateKeyJwtMethod;

        private protected override string Otherwise => "rotate its secret with Update-QlikOAuthClientSecret, or allow the method with Set-QlikOAuthClient -AuthenticationMethod";

        private protected override void CheckCanAdd(OAuthClient client)
        {
            ClientCredentials.KeysOf(client); // refuses a key list that adding to would rewrite without a key it cannot read
            ClientCredentials.EnsureNewKeyId(client, _newKey.PublicJwk.Kid, "Nothing was changed; give the new key another -KeyId.");
        }

        private protected override IReadOnlyList<string> ChooseRetiring(OAuthClient client)
        {
            if (_oldKeyId != null)
            {
                ClientCredentials.EnsureHasKeyId(client, _oldKeyId, "Nothing was changed; name one of them with -OldKeyId.");
                return new[] { _oldKeyId };
            }

            if (client.PublicKeyIds.Count <= 1)
            {
                return client.PublicKeyIds;
            }

            throw new QlikOAuthException(
                CredentialErrors.RotationTargetUnclear,
                QlikErrorKind.InvalidArgument,
                $"Client {ClientId} has {client.PublicKeyIds.Count} public keys ({string.Join(", ", client.PublicKeyIds)}) and nothing says which one the new key replaces. Nothing was changed. Name it with -OldKeyId.",
                ClientId);
        }

        private protected override async Task<PublicJwk> AddAsync(OAuthClient client, CancellationToken cancellationToken)
        {
            await _credentials.AddKeyAsync(client, _newKey.PublicJwk, cancellationToken).ConfigureAwait(false);
            return _newKey.PublicJwk;
        }

        private protected override ClientAuthentication ProofCredential(PublicJwk added) => new PrivateKeyJwtAuthentication(ClientId, _newKey);

        private protected override Task RemoveAddedAsync(PublicJwk added, CancellationToken cancellationToken) =>
            _credentials.RemoveKeyAsync(ClientId, added.Kid, cancellationToken);

        private protected override Task RemoveOldAsync(string name, CancellationToken cancellationToken) =>
            _credentials.RemoveKeyAsync(ClientId, name, cancellationToken);

        private protected override IReadOnlyList<string> NamesOn(OAuthClient client) => client.PublicKeyIds;

        /// <summary>
        /// Never a switch: Connect-QlikTenant signs a session in with a client secret only, so a key rotation cannot
        /// take a session's sign-in away.
        /// </summary>
        private protected override ClientAuthentication? SessionReplacement(ClientAuthentication current, OAuthClient client, PublicJwk added, IReadOnlyList<string> retiring) => null;

        private protected override string NameOf(PublicJwk credential) => credential.Kid;

        private protected override string RemoveCommand(IEnumerable<string> names) =>
            string.Join("; ", names.Select(name => $"Remove-QlikOAuthClientKey -ClientId {ClientId} -KeyId {name}"));
    }
}
