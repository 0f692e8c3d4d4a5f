using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Sessions;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of the client cmdlets: the clients API of the session in force for the current pipeline item and confirmation that honours -Force without defeating -WhatIf.
    /// </summary>
    public abstract class OAuthClientCmdlet : QlikSessionCmdlet
    {
        internal static OAuthClientsApi ApiOf(QlikSession session) => new OAuthClientsApi(session.Engine.Connection, session.Engine.Credential, session.Engine.Tokens);

        internal static CspOriginsApi CspApiOf(QlikSession session) => new CspOriginsApi(session.Engine.Connection, session.Engine.Credential);

        /// <summary>The client as the tenant has it now, with its consent method.</summary>
        internal QlikOAuthClient ReadClient(QlikSession session, string clientId) =>
            RunEngine(async cancellationToken =>
            {
                OAuthClientsApi api = ApiOf(session);
                OAuthClient client = await api.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
                return new QlikOAuthClient(client, session, await api.ConsentMethodOfAsync(client, cancellationToken).ConfigureAwait(false));
            });

        /// <summary>Creates the client and settles its consent (see <see cref="ClientProvisioner.ProvisionAsync"/>).</summary>
        internal ProvisionedClient Provision(QlikSession session, ClientDefinition definition, bool allowDuplicateName) =>
            RunEngine(cancellationToken => new ClientProvisioner(ApiOf(session)).ProvisionAsync(definition, allowDuplicateName, cancellationToken));

        /// <summary>The client object of a new client, holding its one-time secret.</summary>
        internal static QlikOAuthClient ClientObjectOf(ProvisionedClient provisioned, QlikSession session)
        {
            var client = new QlikOAuthClient(provisioned.Client, session, provisioned.ConsentMethod);
            if (provisioned.Secret != null)
            {
                client.AttachSecret(provisioned.Secret);
            }

            return client;
        }

        /// <summary>
        /// Reports a step after a create or patch that failed (<see cref="ProvisionedClient.Incomplete"/>,
        /// <see cref="AppliedDrift.Incomplete"/>); call after the object holding the one-time secret was written, so
        /// the secret is out first. True when there was such a failure.
        /// </summary>
        internal bool WriteIncomplete(QlikOAuthException? incomplete)
        {
            if (incomplete != null)
            {
                WriteError(ErrorRecords.From(incomplete));
            }

            return incomplete != null;
        }

        /// <summary>
        /// -AddCspOrigin: makes sure each allowed origin has a CSP entry with the directives embedding needs. Each is a
        /// tenant-wide change with its own ShouldProcess; a failure is reported and the other origins still go on.
        /// </summary>
        internal void AddCspOrigins(QlikSession session, IEnumerable<string> origins, string clientName)
        {
            CspOriginsApi api = CspApiOf(session);
            foreach (string origin in origins)
            {
                if (!ShouldProcess($"{origin} on {session.TenantUrl}", "Allow in the tenant's Content Security Policy list (frame-ancestors, connect-src)"))
                {
                    continue;
                }

                TryEngine(() =>
                {
                    CspOrigin? changed = RunEngine(cancellationToken => api.EnsureAsync(origin, CspDirectives.Embedding, clientName, cancellationToken));
                    WriteVerbose(changed is null ? $"{origin} already allows frame-ancestors and connect-src." : $"CSP entry {changed.Id} now allows {origin} in {CspDirectiveNames.Describe(changed.Directives)}.");
                }, origin);
            }
        }

        /// <summary>The admin OAuth client the session signs in with; null for an API key session.</summary>
        internal static OAuthClientCredential? SignInOf(QlikSession session) => session.Engine.Credential as OAuthClientCredential;

        /// <summary>How a removal ends the session that signs in with what it removes (see <see cref="ConfirmChangeEndingSession"/>).</summary>
        internal const string RemovalEndsSession = "once it is removed, every call through the session fails with InvalidClientCredentials";

        /// <summary>What to do instead, when a change ends the session that signs in with the client.</summary>
        internal const string ConnectElsewhereFirst = "Connect with another credential first (Connect-QlikTenant) to go on working after it.";

        /// <summary>
        /// <see cref="ConfirmChange"/> for a change that takes away what the session signs in with (<paramref name="what"/>:
        /// its client or its secret; <paramref name="how"/>: how the change takes it away). Warns that the session will stop
        /// working, then asks even where $ConfirmPreference would not, as Sync-QlikOAuthClient -Prune does: a script about
        /// to cut off its own session is better stopped at the question (a host that cannot ask stops it there, with nothing
        /// changed) than broken halfway. -Force, -WhatIf and an explicit -Confirm keep their usual meaning: each is the
        /// caller's own choice for this call.
        /// </summary>
        internal bool ConfirmChangeEndingSession(QlikSession session, string target, string action, bool force, string what, string how, string instead)
        {
            WriteWarning($"{what} is what session {session} signs in with: {how}, so the session will stop working. {instead}");
            if (force || IsWhatIf || MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return ConfirmChange(target, action, force);
            }

            return ShouldContinue($"{action}: {target}? The session signs in with it and will stop working.", action);
        }

        /// <summary>
        /// ShouldProcess, except that -Force skips the confirmation prompt. -WhatIf (or an explicit -Confirm) still
        /// applies with -Force: forcing must never turn a dry run into a real change.
        /// </summary>
        internal bool ConfirmChange(string target, string action, bool force)
        {
            bool askedToConfirm = MyInvocation.BoundParameters.ContainsKey("Confirm");
            return (force && !askedToConfirm && !IsWhatIf) || ShouldProcess(target, action);
        }
    }
}
