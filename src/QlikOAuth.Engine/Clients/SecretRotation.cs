using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Rotates a client secret: adds a new one, proves it, and retires the one it replaces. Which one that is: the
    /// hints given; else the secret of the credential given (recognised by its hint); else the client's only secret.
    /// With several secrets and neither, it refuses before adding anything, rather than guess which application to cut off.
    /// </summary>
    public sealed class SecretRotation : CredentialRotation<NewClientSecret>
    {
        /// <summary>Qlik keeps at most five secrets per client.</summary>
        public const int MaxSecretsPerClient = 5;

        private readonly SecureString? _currentSecret;
        private readonly IReadOnlyList<string> _hints;
        private readonly bool _keepOld;

        /// <param name="currentSecret">The secret in use now, whose hint names the secret to retire; or null.</param>
        /// <param name="hints">The hints of the secrets to retire; empty to decide from <paramref name="currentSecret"/> or the client.</param>
        /// <param name="keepOld">Retire nothing: the old secrets stay.</param>
        /// <param name="sessionUserId">Whom an impersonation-only client's proof token acts for: the admin session's user.</param>
        public SecretRotation(OAuthClientsApi api, QlikConnection connection, string clientId, string? sessionUserId, SecureString? currentSecret, IReadOnlyList<string> hints, bool keepOld)
            : base(api, connection, clientId, sessionUserId)
        {
            _currentSecret = currentSecret;
            _hints = hints;
            _keepOld = keepOld;
        }

        private protected override string Noun => "secret";

        private protected override string KeptNote => " and is in the output, as the tenant shows a secret only once";

        private protected override string AuthMethod => ClientVocabulary.ClientSecretMethod;

        private protected override string Otherwise => "rotate its key with Update-QlikOAuthClientKey";

        private protected override void CheckCanAdd(OAuthClient client)
        {
            if (client.Secrets.Count >= MaxSecretsPerClient)
            {
                ClientSecretInfo oldest = client.Secrets.OrderBy(secret => secret.CreatedAt ?? DateTimeOffset.MaxValue).First();
                string created = oldest.CreatedAt is DateTimeOffset at ? $", created {at:u}" : string.Empty;
                throw new QlikOAuthException(
                    ClientErrors.ClientSecretLimitReached,
                    QlikErrorKind.Conflict,
                    $"Client {ClientId} has {client.Secrets.Count} secrets, the most Qlik allows, and a rotation adds the new secret before it removes the old one. Nothing was changed. Remove one first; the oldest is {oldest.Hint}{created}: Remove-QlikOAuthClientSecret -ClientId {ClientId} -Hint {oldest.Hint}",
                    ClientId);
            }
        }

        private protected override IReadOnlyList<string> ChooseRetiring(OAuthClient client)
        {
            if (_keepOld)
            {
                return Array.Empty<string>();
            }

            if (_hints.Count > 0)
            {
                string? unknown = _hints.FirstOrDefault(hint => !client.SecretHints.Contains(hint));
                if (unknown != null)
                {
                    throw new QlikOAuthException(
                        CredentialErrors.SecretHintNotFound,
                        QlikErrorKind.NotFound,
                        $"Client {ClientId} has no secret with the hint '{unknown}'; its secrets: {string.Join(", ", client.SecretHints)} (Get-QlikOAuthClientSecret -ClientId {ClientId}). Nothing was changed.",
                        unknown);
                }

                return _hints.Distinct().ToList();
            }

            if (client.SecretHints.Count <= 1)
            {
                return client.SecretHints;
            }

            List<string> matching = _currentSecret is null ? new List<string>() : ClientSecretAuthentication.HintsOf(_currentSecret, client.SecretHints);
            if (matching.Count == 1)
            {
                return matching;
            }

            throw new QlikOAuthException(
                CredentialErrors.RotationTargetUnclear,
                QlikErrorKind.InvalidArgument,
                $"Client {ClientId} has {client.SecretHints.Count} secrets ({string.Join(", ", client.Secrets.Select(Describe))}) and {(_currentSecret is null ? "nothing says" : "the secret of -Credential does not tell")} which one the new secret replaces. Nothing was changed. Name it with -Hint, or add -KeepOld to keep them all.",
                ClientId);
        }

        private protected override Task<NewClientSecret> AddAsync(OAuthClient client, CancellationToken cancellationToken) =>
            Api.AddSecretAsync(ClientId, cancellationToken);

        private protected override ClientAuthentication ProofCredential(NewClientSecret added) => new ClientSecretAuthentication(ClientId, added.Secret);

        private protected override Task RemoveAddedAsync(NewClientSecret added, CancellationToken cancellationToken) =>
            added.Hint is null
                ? throw new QlikOAuthException(HttpErrors.InvalidResponse, QlikErrorKind.InvalidResponse, "the tenant's answer did not name the new secret (no hint)", ClientId)
                : Api.RemoveSecretAsync(ClientId, added.Hint, cancellationToken);

        private protected override Task RemoveOldAsync(string name, CancellationToken cancellationToken) =>
            Api.RemoveSecretAsync(ClientId, name, cancellationToken);

        private protected override IReadOnlyList<string> NamesOn(OAuthClient client) => client.SecretHints;

        /// <summary>
        /// The new secret, unless the session's own secret is known to stay: its hint is the client's and not retired.
        /// When no hint tells which secret is the session's, it switches: the new secret is proved and stays, so
        /// switching is safe either way.
        /// </summary>
        private protected override ClientAuthentication? SessionReplacement(ClientAuthentication current, OAuthClient client, NewClientSecret added, IReadOnlyList<string> retiring)
        {
            if (!(current is ClientSecretAuthentication secret))
            {
                return null;
            }

            List<string> its = secret.HintsAmong(client.SecretHints);
            bool kept = its.Count > 0 && !its.Any(retiring.Contains);
            return kept ? null : ProofCredential(added);
        }

        private protected override string NameOf(NewClientSecret credential) => credential.Hint ?? "(no hint)";

        private protected override string RemoveCommand(IEnumerable<string> names) =>
            $"Remove-QlikOAuthClientSecret -ClientId {ClientId} -Hint {string.Join(", ", names)}";

        private static string Describe(ClientSecretInfo secret) =>
            secret.CreatedAt is DateTimeOffset at ? $"{secret.Hint} created {at:u}" : secret.Hint;
    }
}
