using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Rotation without downtime, for secrets and keys alike, in two steps. <see cref="StartAsync"/> decides which old
    /// credentials go (refusing before any change when that is unclear), adds the new one and proves it with a token;
    /// a failed proof removes the new one again. Between the steps the caller hands the new credential on (the cmdlet
    /// emits it, so whatever the pipeline does with it happens while the old one still works); then
    /// <see cref="RetireAsync"/> removes the old ones. An admin session that signs in with a credential the rotation
    /// retires switches to the new one as soon as it is proved, so it keeps working once the old one is gone.
    /// </summary>
    public abstract class CredentialRotation<TCredential>
        where TCredential : class
    {
        private readonly RotationProof _proof;

        private protected CredentialRotation(OAuthClientsApi api, QlikConnection connection, string clientId, string? sessionUserId)
        {
            Api = api;
            ClientId = clientId;
            _proof = new RotationProof(connection, sessionUserId);
        }

        private protected OAuthClientsApi Api { get; }

        public string ClientId { get; }

        /// <summary>"secret" or "key", for messages.</summary>
        private protected abstract string Noun { get; }

        /// <summary>The authentication method the credential serves: client_secret or private_key_jwt.</summary>
        private protected abstract string AuthMethod { get; }

        /// <summary>What to do instead when the client does not use <see cref="AuthMethod"/>, for the message.</summary>
        private protected abstract string Otherwise { get; }

        public async Task<RotationStart<TCredential>> StartAsync(CancellationToken cancellationToken)
        {
            OAuthClient client = await Api.GetAsync(ClientId, cancellationToken).ConfigureAwait(false);
            AppTypeRules.EnsureConfidential(client);
            if (!client.AllowedAuthMethods.Contains(AuthMethod))
            {
                throw new QlikOAuthException(
                    CredentialErrors.RotationNotPossible,
                    QlikErrorKind.InvalidArgument,
                    $"Client {ClientId} does not authenticate by {AuthMethod} (its methods: {string.Join(", ", client.AllowedAuthMethods)}). Nothing was changed; {Otherwise}.",
                    ClientId);
            }

            CheckCanAdd(client);
            string grant = _proof.GrantFor(client);
            IReadOnlyList<string> retiring = ChooseRetiring(client);
            TCredential added = await AddAsync(client, cancellationToken).ConfigureAwait(false);
            try
            {
                await _proof.ProveAsync(ProofCredential(added), grant, cancellationToken).ConfigureAwait(false);
                SwitchSession(client, added, retiring);
                return new RotationStart<TCredential>(added, retiring, null, addedKept: true);
            }
            catch (Exception failure)
            {
                // Ctrl+C included: a new credential nobody proved (and a secret nobody saw) must not stay behind.
                return await RollBackAsync(added, failure).ConfigureAwait(false);
            }
        }

        /// <summary>Removes the old credentials of a proved start; a failure says which may remain and how to remove them.</summary>
        public async Task RetireAsync(RotationStart<TCredential> start, CancellationToken cancellationToken)
        {
            if (start.Failure != null || start.Retiring.Count == 0)
            {
                return;
            }

            var removed = new List<string>();
            try
            {
                foreach (string name in start.Retiring)
                {
                    await RemoveOldAsync(name, cancellationToken).ConfigureAwait(false);
                    removed.Add(name);
                }

                QlikLog.Verbose($"Removed the old {Noun} {string.Join(", ", start.Retiring)} of client {ClientId}.");
            }
            catch (QlikOAuthException failed)
            {
                IReadOnlyList<string> left = await StillOnClientAsync(start.Retiring.Except(removed).ToList(), cancellationToken).ConfigureAwait(false);
                if (left.Count == 0)
                {
                    // A removal whose answer was lost, yet it happened: the rotation is complete after all.
                    QlikLog.Verbose($"Removing the old {Noun} of client {ClientId} reported a failure ({failed.Message}), but the client has none of them any more.");
                    return;
                }

                throw new QlikOAuthException(
                    CredentialErrors.RotationIncomplete,
                    failed.Kind,
                    $"The new {Noun} {NameOf(start.Added)} of client {ClientId} works and was output, but the old {Noun} {string.Join(", ", left)} could not be removed ({failed.Message}). Both work for now; remove the old one once nothing uses it: {RemoveCommand(left)}.",
                    ClientId,
                    failed);
            }
        }

        /// <summary>Refuses before any change when the client cannot take one more credential of this kind.</summary>
        private protected abstract void CheckCanAdd(OAuthClient client);

        /// <summary>The hints or key ids the new credential replaces; refuses when that is unclear.</summary>
        private protected abstract IReadOnlyList<string> ChooseRetiring(OAuthClient client);

        private protected abstract Task<TCredential> AddAsync(OAuthClient client, CancellationToken cancellationToken);

        private protected abstract ClientAuthentication ProofCredential(TCredential added);

        private protected abstract Task RemoveAddedAsync(TCredential added, CancellationToken cancellationToken);

        /// <summary>Removes one old credential, named by its hint or key id.</summary>
        private protected abstract Task RemoveOldAsync(string name, CancellationToken cancellationToken);

        /// <summary>The hints or key ids the client has.</summary>
        private protected abstract IReadOnlyList<string> NamesOn(OAuthClient client);

        /// <summary>
        /// What the admin session, signing in as this client with <paramref name="current"/>, must switch to so that
        /// it outlives the retirement of <paramref name="retiring"/>; null when it keeps working as it is.
        /// </summary>
        private protected abstract ClientAuthentication? SessionReplacement(ClientAuthentication current, OAuthClient client, TCredential added, IReadOnlyList<string> retiring);

        /// <summary>The hint or key id of a credential, for messages and commands.</summary>
        private protected abstract string NameOf(TCredential credential);

        /// <summary>The command that removes these credentials, for messages.</summary>
        private protected abstract string RemoveCommand(IEnumerable<string> names);

        /// <summary>What the user must know of a new credential that stays after a failed proof.</summary>
        private protected virtual string KeptNote => string.Empty;

        /// <summary>Switches the admin session to the new credential, in memory, when it signs in with one being retired.</summary>
        private void SwitchSession(OAuthClient client, TCredential added, IReadOnlyList<string> retiring)
        {
            if (retiring.Count > 0
                && Api.Credential is IClientSignIn session
                && string.Equals(session.Client.ClientId, ClientId, StringComparison.Ordinal)
                && SessionReplacement(session.Client, client, added, retiring) is ClientAuthentication replacement)
            {
                session.SwitchTo(replacement);
                QlikLog.Verbose($"The session signs in as client {ClientId} with a {Noun} this rotation removes: it signs in with the new {Noun} {NameOf(added)} from now on.");
            }
        }

        /// <summary>
        /// Which of <paramref name="names"/> the client still has, read again: the removal that failed may have happened
        /// (its answer lost), and a command to remove one that is gone would fail. Unreadable: all of them.
        /// </summary>
        private async Task<IReadOnlyList<string>> StillOnClientAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            try
            {
                IReadOnlyList<string> current = NamesOn(await Api.GetAsync(ClientId, cancellationToken).ConfigureAwait(false));
                return names.Where(current.Contains).ToList();
            }
            catch (Exception unread) when (unread is QlikOAuthException || unread is OperationCanceledException)
            {
                return names;
            }
        }

        private async Task<RotationStart<TCredential>> RollBackAsync(TCredential added, Exception failure)
        {
            QlikErrorKind kind = (failure as QlikOAuthException)?.Kind ?? (failure is OperationCanceledException ? QlikErrorKind.Timeout : QlikErrorKind.InvalidResponse);
            string why = $"The new {Noun} {NameOf(added)} of client {ClientId} got no token: {failure.Message}";
            try
            {
                // Not cancellable: Ctrl+C must not leave it behind. The session's request timeout bounds the wait.
                await RemoveAddedAsync(added, CancellationToken.None).ConfigureAwait(false);
                QlikLog.Verbose($"Removed the new {Noun} {NameOf(added)} of client {ClientId} again: its proof failed.");
                return Failed(added, addedKept: false, kind, $"{why} It was removed again; the old {Noun}s stay as they were.", failure);
            }
            catch (Exception cleanup) when (cleanup is QlikOAuthException || cleanup is OperationCanceledException)
            {
                return Failed(
                    added,
                    addedKept: true,
                    kind,
                    $"{why} Removing it again failed too ({cleanup.Message}), so it stays on the client{KeptNote}; the old {Noun}s stay as they were. Once you know why the proof failed, use the new one or remove it: {RemoveCommand(new[] { NameOf(added) })}.",
                    failure);
            }
        }

        private RotationStart<TCredential> Failed(TCredential added, bool addedKept, QlikErrorKind kind, string message, Exception failure) =>
            new RotationStart<TCredential>(added, Array.Empty<string>(), new QlikOAuthException(CredentialErrors.RotationProofFailed, kind, message, ClientId, failure), addedKept);
    }
}
