using System.Collections.Generic;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>What syncing did, or would do, to one client.</summary>
    public enum ClientSyncAction
    {
        Created,
        Updated,
        Unchanged,
        Removed,
    }

    /// <summary>One step of a sync plan (<see cref="ClientProvisioner.PlanAsync"/>); nothing is written until the step is applied.</summary>
    public sealed class ClientPlanStep(ClientSyncAction action, string clientName, string? clientId, ClientDefinition? definition, ClientDrift? drift)
    {
        public ClientSyncAction Action { get; } = action;

        public string ClientName { get; } = clientName;

        /// <summary>The tenant's client; null for a create.</summary>
        public string? ClientId { get; } = clientId;

        /// <summary>The definition the step comes from, checked (what a create sends); null for a removal.</summary>
        public ClientDefinition? Definition { get; } = definition;

        /// <summary>The differing fields of an update (empty when Unchanged); null for a create or removal.</summary>
        public ClientDrift? Drift { get; } = drift;
    }

    /// <summary>
    /// How to make the tenant match a set of definitions (<see cref="ClientProvisioner.PlanAsync"/>): the steps, the
    /// definitions that cannot be synced, and, with prune, the clients no definition names that stay.
    /// </summary>
    public sealed class ClientPlan(IReadOnlyList<ClientPlanStep> steps, IReadOnlyList<QlikOAuthException> refused, IReadOnlyList<PruneExemption> leftAlone)
    {
        public IReadOnlyList<ClientPlanStep> Steps { get; } = steps;

        /// <summary>One error per definition that has no step (its name belongs to a client of another app type); the others go on.</summary>
        public IReadOnlyList<QlikOAuthException> Refused { get; } = refused;

        /// <summary>With prune: the clients no definition names that are not removed, each with why.</summary>
        public IReadOnlyList<PruneExemption> LeftAlone { get; } = leftAlone;
    }

    /// <summary>A client no definition names that prune does not remove, and why.</summary>
    public sealed class PruneExemption(string clientId, string clientName, string reason)
    {
        public string ClientId { get; } = clientId;

        public string ClientName { get; } = clientName;

        /// <summary>Why it stays, as a sentence.</summary>
        public string Reason { get; } = reason;

        public override string ToString() => $"-Prune leaves '{ClientName}' ({ClientId}) alone: {Reason}";
    }
}
