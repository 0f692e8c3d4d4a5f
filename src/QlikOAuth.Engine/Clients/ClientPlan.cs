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
    public sealed class ClientPlanStep
    {
        internal ClientPlanStep(ClientSyncAction action, string clientName, string? clientId, ClientDefinition? definition, OAuthClientSpec? spec, ClientDrift? drift)
        {
            Action = action;
            ClientName = clientName;
            ClientId = clientId;
            Definition = definition;
            Spec = spec;
            Drift = drift;
        }

        public ClientSyncAction Action { get; }

        public string ClientName { get; }

        /// <summary>The tenant's client; null for a create.</summary>
        public string? ClientId { get; }

        /// <summary>The definition the step comes from; null for a removal.</summary>
        public ClientDefinition? Definition { get; }

        /// <summary>What a create sends (validated); null for other steps.</summary>
        public OAuthClientSpec? Spec { get; }

        /// <summary>The differing fields of an update (empty when Unchanged); null for a create or removal.</summary>
        public ClientDrift? Drift { get; }
    }
}
