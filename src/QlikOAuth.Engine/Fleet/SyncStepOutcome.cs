using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Fleet
{
    /// <summary>
    /// What applying one planned step did on its tenant: the client a create made (with its one-time secret), what an
    /// update applied, or the step's own failure (a definition the tenant refused; the tenant's other steps go on).
    /// </summary>
    public sealed class SyncStepOutcome
    {
        private SyncStepOutcome(ClientPlanStep step, ProvisionedClient? created, AppliedDrift? updated, QlikOAuthException? failure)
        {
            Step = step;
            Created = created;
            Updated = updated;
            Failure = failure;
        }

        public ClientPlanStep Step { get; }

        /// <summary>The client a Created step made, holding its one-time secret.</summary>
        public ProvisionedClient? Created { get; }

        /// <summary>What an Updated step applied (a secret the change made, a consent call that failed after it).</summary>
        public AppliedDrift? Updated { get; }

        /// <summary>This step's failure; null when it was applied.</summary>
        public QlikOAuthException? Failure { get; }

        internal static SyncStepOutcome Applied(ClientPlanStep step, ProvisionedClient? created = null, AppliedDrift? updated = null) => new SyncStepOutcome(step, created, updated, null);

        internal static SyncStepOutcome Failed(ClientPlanStep step, QlikOAuthException failure) => new SyncStepOutcome(step, null, null, failure);

        /// <summary>"created 'Reporting' (id)", for the error that lists what a failed tenant already got.</summary>
        internal string Describe() => $"{Step.Action.ToString().ToLowerInvariant()} '{Step.ClientName}' ({Created?.Client.ClientId ?? Step.ClientId})";
    }
}
