using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Puts a client on a tenant the way a re-runnable provisioning script needs: refuses a name that exists (unless
    /// duplicates are allowed), creates, then settles the consent method against the tenant's own answer; brings an
    /// existing client to what was asked with a patch of only the fields that differ; and plans a whole set of
    /// definitions against a tenant. The one place New-, Set-, Import- and Sync-QlikOAuthClient share.
    /// </summary>
    public sealed class ClientProvisioner
    {
        private readonly OAuthClientsApi _api;

        public ClientProvisioner(OAuthClientsApi api) => _api = api;

        /// <summary>
        /// The definition of a new client as it will be sent: checked, defaults filled in, every scope known (unless
        /// <paramref name="allowUnknownScopes"/>). Makes no request: a bad value fails before anything is asked.
        /// </summary>
        public static ClientDefinition PlanCreate(ClientDefinition definition, bool allowUnknownScopes)
        {
            ClientDefinition wanted = OAuthClientValidator.Check(definition, forCreate: true);
            if (!allowUnknownScopes)
            {
                OAuthClientValidator.CheckScopesKnown(wanted.AllowedScopes!);
            }

            return wanted;
        }

        /// <summary>
        /// The client a create would make, for a dry run (-WhatIf). Its ClientId names it as not created, and is no
        /// valid id, so a real call made with the preview by mistake is refused instead of acting on another client.
        /// </summary>
        public static OAuthClient Preview(ClientDefinition definition)
        {
            ClientDefinition wanted = OAuthClientValidator.Check(definition, forCreate: true);
            return new OAuthClient
            {
                ClientId = $"(not created: {wanted.ClientName})",
                ClientName = wanted.ClientName,
                Description = NullIfNone(wanted.Description),
                AppType = wanted.AppType,
                ClientUri = NullIfNone(wanted.ClientUri),
                LogoUri = NullIfNone(wanted.LogoUri),
                RedirectUris = wanted.RedirectUris!,
                AllowedOrigins = wanted.AllowedOrigins!,
                AllowedScopes = wanted.AllowedScopes!,
                AllowedGrantTypes = wanted.AllowedGrantTypes!,
                AllowedAuthMethods = wanted.AllowedAuthMethods!,
                PublicKeyIds = wanted.PublicKeys!.Select(key => key.Kid).ToList(),
                PublicKeys = wanted.PublicKeys!,
                JwksUri = NullIfNone(wanted.JwksUri),
                ConsentMethod = wanted.ConsentMethod,
            };
        }

        /// <summary>Creates the client; with <paramref name="allowDuplicateName"/> false, a client of that name is a Conflict first.</summary>
        public async Task<CreatedOAuthClient> CreateAsync(ClientDefinition definition, bool allowDuplicateName, CancellationToken cancellationToken)
        {
            ClientDefinition wanted = OAuthClientValidator.Check(definition, forCreate: true);
            if (!allowDuplicateName)
            {
                IReadOnlyList<OAuthClient> existing = await _api.FindByNameAsync(wanted.ClientName!, cancellationToken).ConfigureAwait(false);
                if (existing.Count > 0)
                {
                    throw new QlikOAuthException(
                        ClientErrors.ClientNameExists,
                        QlikErrorKind.Conflict,
                        $"An OAuth client named '{wanted.ClientName}' exists already: {string.Join(", ", existing.Select(client => client.ClientId))}. Use it (Get-QlikOAuthClient -ClientId {existing[0].ClientId}), remove it, or add -AllowDuplicateName.",
                        existing[0].ClientId);
                }
            }

            return await _api.CreateAsync(wanted, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Sets the client's consent method unless the tenant has it already, so that asking twice sends no PATCH that
        /// changes nothing (a re-run provisioning script writes nothing). The client is read first: its app type may refuse it.
        /// </summary>
        /// <returns>Whether the change was sent.</returns>
        public async Task<bool> SetConsentAsync(string clientId, string consentMethod, CancellationToken cancellationToken)
        {
            ClientDrift drift;
            try
            {
                drift = await DriftAsync(clientId, new ClientDefinition { ConsentMethod = consentMethod }, allowUnknownScopes: false, cancellationToken).ConfigureAwait(false);
            }
            catch (QlikOAuthException unreadable) when (unreadable.Kind == QlikErrorKind.NotFound)
            {
                // A client published from another tenant of the region cannot be read here, yet this tenant keeps its own
                // consent for it (section 8.3): its connection config is all there is to set, and the tenant applies the
                // app type's rules. A client that is nowhere gets the same 404 from the connection config.
                (string? _, bool changed) = await EnsureConnectionConsentAsync(clientId, OAuthClientValidator.Consent(consentMethod), cancellationToken).ConfigureAwait(false);
                return changed;
            }

            await ApplyAsync(clientId, drift, cancellationToken).ConfigureAwait(false);
            return !drift.IsEmpty;
        }

        /// <summary>
        /// Reads the client's consent method from connection-configs/me (the tenant's authority on it) and sets
        /// <paramref name="wanted"/> (a wire value; null: leave it) when the tenant has another. The consent method in
        /// force after, and whether it was set.
        /// </summary>
        private async Task<(string? Consent, bool Changed)> EnsureConnectionConsentAsync(string clientId, string? wanted, CancellationToken cancellationToken)
        {
            string? current = await _api.GetConsentMethodAsync(clientId, cancellationToken).ConfigureAwait(false);
            if (wanted is null || string.Equals(current, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return (current, false);
            }

            return (await _api.SetConsentMethodAsync(clientId, wanted, cancellationToken).ConfigureAwait(false), true);
        }

        /// <summary>Publishes the client (<see cref="OAuthClientsApi.PublishAsync"/>) once it is read and its app type allows it.</summary>
        public async Task<DateTimeOffset?> PublishAsync(string clientId, CancellationToken cancellationToken)
        {
            AppTypeRules.EnsurePublishable(await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false));
            return await _api.PublishAsync(clientId, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The consent method in force, read from connection-configs/me (the tenant's authority on it). When Trusted
        /// was asked and the tenant did not apply it with the create, it is set with the consent PATCH.
        /// </summary>
        public async Task<string?> SettleConsentAsync(string clientId, bool trusted, CancellationToken cancellationToken) =>
            (await EnsureConnectionConsentAsync(clientId, trusted ? ClientVocabulary.TrustedConsent : null, cancellationToken).ConfigureAwait(false)).Consent;

        /// <summary>
        /// Creates the client and settles its consent. The result is the tenant's state after the last step (read
        /// again when consent needed its own call). A failure after the create does not lose the one-time secret: it
        /// comes back in <see cref="ProvisionedClient.Incomplete"/> beside the client.
        /// </summary>
        public async Task<ProvisionedClient> ProvisionAsync(ClientDefinition definition, bool allowDuplicateName, CancellationToken cancellationToken)
        {
            ClientDefinition wanted = OAuthClientValidator.Check(definition, forCreate: true);
            bool trusted = wanted.ConsentMethod == ClientVocabulary.TrustedConsent;
            CreatedOAuthClient created = await CreateAsync(wanted, allowDuplicateName, cancellationToken).ConfigureAwait(false);
            OAuthClient client = created.Client;
            string? consent = client.ConsentMethod;
            QlikOAuthException? incomplete = await AfterSecretShownAsync(
                async () =>
                {
                    consent = await SettleConsentAsync(client.ClientId, trusted, cancellationToken).ConfigureAwait(false);
                    if (trusted && !string.Equals(client.ConsentMethod, ClientVocabulary.TrustedConsent, StringComparison.OrdinalIgnoreCase))
                    {
                        // The create answer did not show trusted, so consent took its own call: the answer's updatedAt and RawJson are stale.
                        client = await _api.GetAsync(client.ClientId, cancellationToken).ConfigureAwait(false);
                    }
                },
                cause => new QlikOAuthException(
                    ClientErrors.ClientCreatedButIncomplete,
                    cause.Kind,
                    $"The client {client.ClientId} was created and is in the output with its secret, but confirming its consent method failed: {cause.Message} Check it with Get-QlikOAuthClient -ClientId {client.ClientId}; set it with Set-QlikOAuthConsent -ClientId {client.ClientId}.",
                    client.ClientId,
                    cause),
                cancellationToken).ConfigureAwait(false);
            return new ProvisionedClient(client, created.Secret, consent, incomplete);
        }

        /// <summary>
        /// What must change on the client for it to be as asked (read from the tenant now); empty when it already is.
        /// The definition is checked before any request; a scope is held to the known list only when it is new to the
        /// client (a piped client's scope newer than this module is no typo of this call).
        /// </summary>
        /// <param name="wanted">The fields to change (others are left as they are), consent included.</param>
        public async Task<ClientDrift> DriftAsync(string clientId, ClientDefinition wanted, bool allowUnknownScopes, CancellationToken cancellationToken)
        {
            ClientDefinition changes = OAuthClientValidator.Check(wanted, forCreate: false);
            OAuthClient current = await _api.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
            string currentType = current.AppType ?? ClientVocabulary.WebAppType;
            if (changes.AppType != null && changes.AppType != currentType)
            {
                throw ClientErrors.Invalid(
                    ClientErrors.AppTypeCannotChange,
                    $"The client {clientId} is of app type '{currentType}', and an app type never changes, so it cannot become '{changes.AppType}'. Create a client of that type instead (New-QlikOAuthClient -AppType), and remove this one when it is no longer used.",
                    clientId);
            }

            AppTypeRules.Of(currentType)?.Check(changes, current.RedirectUris);
            string? currentConsent = changes.ConsentMethod is null ? null : await _api.ConsentMethodOfAsync(current, cancellationToken).ConfigureAwait(false);
            ClientDrift drift = ClientDrift.Between(changes, current, currentConsent);
            if (!allowUnknownScopes && drift.Changes.AllowedScopes != null)
            {
                OAuthClientValidator.CheckScopesKnown(drift.Changes.AllowedScopes.Except(current.AllowedScopes, StringComparer.Ordinal));
            }

            return drift;
        }

        /// <summary>Deletes the client (its tokens are dropped from the session's cache, see <see cref="OAuthClientsApi.DeleteAsync"/>).</summary>
        public Task RemoveAsync(string clientId, CancellationToken cancellationToken) => _api.DeleteAsync(clientId, cancellationToken);

        /// <summary>
        /// Sends the drift: one patch of the differing fields, then the consent call; nothing when it is empty. A
        /// failure of the consent call after the patch does not lose a secret the patch made (enabling client_secret):
        /// it comes back in <see cref="AppliedDrift.Incomplete"/> beside the secret.
        /// </summary>
        public async Task<AppliedDrift> ApplyAsync(string clientId, ClientDrift drift, CancellationToken cancellationToken)
        {
            if (!drift.HasPatch)
            {
                // Nothing written before the consent call: its failure is the whole call's, thrown as it is.
                if (drift.ConsentMethod != null)
                {
                    await _api.SetConsentMethodAsync(clientId, drift.ConsentMethod, cancellationToken).ConfigureAwait(false);
                }

                return new AppliedDrift(null, null);
            }

            NewClientSecret? secret = await _api.UpdateAsync(clientId, drift.Changes, cancellationToken).ConfigureAwait(false);
            string? consent = drift.ConsentMethod;
            QlikOAuthException? incomplete = consent is null ? null : await AfterSecretShownAsync(
                () => _api.SetConsentMethodAsync(clientId, consent, cancellationToken),
                cause => new QlikOAuthException(
                    ClientErrors.ClientUpdatedButIncomplete,
                    cause.Kind,
                    $"The client {clientId} was changed{(secret is null ? string.Empty : " and is in the output with its secret (made by the change)")}, but setting its consent method to {consent} failed: {cause.Message} Set it with Set-QlikOAuthConsent -ClientId {clientId} -Method {consent}.",
                    clientId,
                    cause),
                cancellationToken).ConfigureAwait(false);
            return new AppliedDrift(secret, incomplete);
        }

        /// <summary>
        /// Runs the steps that follow a write whose answer showed a one-time secret (or may have). Their failure is
        /// returned, made by <paramref name="incomplete"/>, instead of thrown, so the caller writes the secret out
        /// first and the error after it. Cancellation still throws: a stopping pipeline takes no output.
        /// </summary>
        private static async Task<QlikOAuthException?> AfterSecretShownAsync(Func<Task> steps, Func<QlikOAuthException, QlikOAuthException> incomplete, CancellationToken cancellationToken)
        {
            try
            {
                await steps().ConfigureAwait(false);
                return null;
            }
            catch (QlikOAuthException cause) when (!cancellationToken.IsCancellationRequested)
            {
                return incomplete(cause);
            }
        }

        /// <summary>
        /// How to make the tenant match the definitions, matched by client name: a create for each missing one, an
        /// update (only what differs) or nothing for each present one, and with <paramref name="prune"/> a removal for
        /// each client no definition names. Reads only; refuses, before any write, two definitions of one name and a
        /// name two tenant clients share. A definition whose name belongs to a client of another app type gets no
        /// step but an error (an app type cannot change, so no update could make it match).
        /// </summary>
        /// <param name="sessionClientId">The client the session signs in with (null for an API key): never pruned, as removing it ends the session.</param>
        public async Task<ClientPlan> PlanAsync(IReadOnlyList<ClientDefinition> definitions, bool prune, bool allowUnknownScopes, string? sessionClientId, CancellationToken cancellationToken)
        {
            CheckNamesUnique(definitions);
            List<OAuthClient> clients = await _api.ListAllAsync(null, null, cancellationToken).ConfigureAwait(false);
            var steps = new List<ClientPlanStep>();
            var refused = new List<QlikOAuthException>();
            foreach (ClientDefinition definition in definitions)
            {
                // A definition file is whole: checked as a create, it is also what an update compares field by field.
                ClientDefinition wanted = PlanCreate(definition, allowUnknownScopes);
                List<OAuthClient> named = clients.FindAll(client => string.Equals(client.ClientName, definition.ClientName, StringComparison.Ordinal));
                if (named.Count > 1)
                {
                    throw new QlikOAuthException(
                        ClientErrors.DuplicateClientName,
                        QlikErrorKind.Conflict,
                        $"The tenant has {named.Count} OAuth clients named '{definition.ClientName}' ({string.Join(", ", named.Select(client => client.ClientId))}), so {definition.Source} matches none of them for sure. Rename or remove all but one (Set-QlikOAuthClient -ClientId <id> -Name <new name>), then run again. Nothing was changed.",
                        named[0].ClientId);
                }

                if (named.Count == 0)
                {
                    steps.Add(new ClientPlanStep(ClientSyncAction.Created, wanted.ClientName!, null, wanted, null));
                    continue;
                }

                OAuthClient current = named[0];
                if ((current.AppType ?? ClientVocabulary.WebAppType) != wanted.AppType)
                {
                    refused.Add(OtherAppType(definition, current));
                    continue;
                }

                string? currentConsent = await _api.ConsentMethodOfAsync(current, cancellationToken).ConfigureAwait(false);
                ClientDrift drift = ClientDrift.Between(wanted, current, currentConsent);
                steps.Add(new ClientPlanStep(drift.IsEmpty ? ClientSyncAction.Unchanged : ClientSyncAction.Updated, wanted.ClientName!, current.ClientId, wanted, drift));
            }

            var leftAlone = new List<PruneExemption>();
            if (prune)
            {
                var wantedNames = new HashSet<string>(definitions.Select(definition => definition.ClientName ?? string.Empty), StringComparer.Ordinal);
                foreach (OAuthClient client in clients.Where(client => !wantedNames.Contains(client.ClientName ?? string.Empty)))
                {
                    string? whyNot = WhyNotPruned(client, sessionClientId);
                    if (whyNot is null)
                    {
                        steps.Add(new ClientPlanStep(ClientSyncAction.Removed, client.ClientName ?? string.Empty, client.ClientId, null, null));
                    }
                    else
                    {
                        leftAlone.Add(new PruneExemption(client.ClientId, client.ClientName ?? string.Empty, whyNot));
                    }
                }
            }

            return new ClientPlan(steps, refused, leftAlone);
        }

        /// <summary>
        /// Prune removes a client because no definition names it, which means something only for a client a definition
        /// could name (Export's rule, <see cref="DefinitionGap"/>); and never the client the session signs in with.
        /// </summary>
        private static string? WhyNotPruned(OAuthClient client, string? sessionClientId)
        {
            if (string.Equals(client.ClientId, sessionClientId, StringComparison.Ordinal))
            {
                return $"this session signs in with it, so removing it would end the session. If it is really meant to go, remove it from a session of another credential: Remove-QlikOAuthClient -ClientId {client.ClientId}.";
            }

            return DefinitionGap.Of(client) is DefinitionGap gap
                ? $"{gap.Reason}, so no definition can describe it, and its absence from the definitions says nothing. Remove it with Remove-QlikOAuthClient -ClientId {client.ClientId} if it should go."
                : null;
        }

        private static QlikOAuthException OtherAppType(ClientDefinition definition, OAuthClient current) =>
            new QlikOAuthException(
                ClientErrors.DefinitionMatchesOtherAppType,
                QlikErrorKind.Conflict,
                $"{definition.Source} defines a{(definition.AppType == "anonymous-embed" ? "n" : string.Empty)} {definition.AppType} client named '{definition.ClientName}', but the tenant's client '{current.ClientName}' ({current.ClientId}) is of app type '{current.AppType}', and an app type cannot change, so it was left as it is. Rename the definition's clientName, or rename that client (Set-QlikOAuthClient -ClientId {current.ClientId} -Name <new name>), then run again. The other definitions are synced without it.",
                current.ClientId);

        /// <summary>
        /// Checks definitions as a sync will use them, without a request: each one whole (as a create), each name once.
        /// A fleet sync does it once for all tenants, since a bad definition is wrong on every one of them.
        /// </summary>
        public static void CheckDefinitions(IReadOnlyList<ClientDefinition> definitions, bool allowUnknownScopes)
        {
            CheckNamesUnique(definitions);
            foreach (ClientDefinition definition in definitions)
            {
                PlanCreate(definition, allowUnknownScopes);
            }
        }

        private static void CheckNamesUnique(IEnumerable<ClientDefinition> definitions)
        {
            foreach (IGrouping<string, ClientDefinition> clash in definitions.GroupBy(definition => definition.ClientName ?? string.Empty, StringComparer.Ordinal).Where(group => group.Count() > 1))
            {
                throw ClientErrors.Invalid(
                    ClientErrors.DefinitionNameClash,
                    $"{string.Join(" and ", clash.Select(definition => definition.Source))} both define a client named '{clash.Key}'; clients are matched by name, so each name may be defined once.",
                    clash.Key);
            }
        }

        private static string? NullIfNone(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
