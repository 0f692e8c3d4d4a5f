using System.Linq;
using System.Management.Automation;
using System.Security;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth
{
    /// <summary>
    /// What Sync-QlikOAuthClient did to one client: Created (with its one-time secret as ClientSecret and Credential),
    /// Updated (Changes lists each field as "field: old -> new"; a secret the change made is in ClientSecret and
    /// Credential too), Unchanged or Removed. Applied is false for a step
    /// only planned (-WhatIf, or declined at the prompt).
    /// </summary>
    public sealed class QlikOAuthClientSyncResult
    {
        /// <param name="client">The client a Created step made, with its secret.</param>
        /// <param name="newSecret">The secret the tenant made for an Updated step that enabled client_secret.</param>
        internal QlikOAuthClientSyncResult(ClientPlanStep step, bool applied, QlikSession session, QlikOAuthClient? client = null, NewClientSecret? newSecret = null)
        {
            Action = step.Action.ToString();
            Name = step.ClientName;
            ClientId = client?.ClientId ?? step.ClientId;
            Changes = step.Drift?.Fields.Select(field => field.ToString()).ToArray() ?? new string[0];
            Applied = applied;
            Client = client;
            ClientSecret = client?.ClientSecret ?? newSecret?.Secret;
            Credential = client?.Credential ?? (newSecret is null ? null : new PSCredential(newSecret.ClientId, newSecret.Secret));
            Session = new QlikSessionReference(session);
        }

        /// <summary>Created, Updated, Unchanged or Removed.</summary>
        public string Action { get; }

        public string Name { get; }

        /// <summary>The client's id; null for a create only planned.</summary>
        public string? ClientId { get; }

        /// <summary>Each changed field of an update, as "field: old -> new".</summary>
        public string[] Changes { get; }

        /// <summary>False when the step was only planned (-WhatIf) or declined.</summary>
        public bool Applied { get; }

        /// <summary>The new client of a Created step, else null.</summary>
        public QlikOAuthClient? Client { get; }

        /// <summary>The one-time secret of a client just created, or made by an update that enabled client_secret; null otherwise.</summary>
        public SecureString? ClientSecret { get; }

        /// <summary>User name = client id, password = the new secret; what the token cmdlets take.</summary>
        public PSCredential? Credential { get; }

        public QlikSessionReference Session { get; }

        public override string ToString() => $"{Action} {Name}";
    }
}
