using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Makes the tenant's clients match a set of definitions, matched by name: creates what is missing, patches only
    /// the fields that drifted (consent included), leaves clients without a definition alone unless -Prune, and emits
    /// one result per client. The plan is made from every definition before any write, so a definition that cannot be
    /// read, two definitions of one name, or two tenant clients of one name stop the sync with nothing changed. A
    /// definition whose name belongs to a client of another app type is an error of its own; the others go on.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "QlikOAuthClient", SupportsShouldProcess = true, DefaultParameterSetName = DefinitionSet)]
    [OutputType(typeof(QlikOAuthClientSyncResult))]
    public sealed class SyncQlikOAuthClientCommand : ClientDefinitionCmdlet
    {
        private readonly List<ClientDefinition> _definitions = new List<ClientDefinition>();
        private bool _unreadable;
        private bool _removalsConfirmed;

        /// <summary>
        /// Also remove the tenant's clients that no definition names; asked once for all of them, before any write,
        /// unless -Force. Never removed, each named in a warning: a client no definition could describe (Export's rule:
        /// another app type, a key this module cannot read) and the client the session signs in with.
        /// </summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>Do not ask before removing a client with -Prune (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            _definitions.AddRange(ReadDefinitions(out bool failed));
            _unreadable |= failed;
        }

        protected override void EndProcessing()
        {
            if (_unreadable)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ClientErrors.SyncStoppedByDefinitionError,
                    ErrorCategory.InvalidData,
                    "A definition could not be read (see the errors above), so nothing was synced: a sync without it could prune or miss that client. Fix it and run again."));
            }

            QlikSession session = ResolveSession();
            var provisioner = new ClientProvisioner(ApiOf(session));
            string? sessionClientId = SignInOf(session)?.Client.ClientId;
            if (!TryEngine(() => RunEngine(cancellationToken => provisioner.PlanAsync(_definitions, Prune, AllowUnknownScope, sessionClientId, cancellationToken)), null, out ClientPlan plan))
            {
                return;
            }

            foreach (QlikOAuthException refused in plan.Refused)
            {
                WriteError(ErrorRecords.From(refused));
            }

            foreach (PruneExemption exemption in plan.LeftAlone)
            {
                WriteWarning(exemption.ToString());
            }

            _removalsConfirmed = ConfirmRemovals(plan.Steps);
            foreach (ClientPlanStep step in plan.Steps)
            {
                Run(session, provisioner, step);
            }
        }

        /// <summary>
        /// Removals are the one step no definition asks for: without -Force they are confirmed once, for all of them,
        /// before anything is written. Declined, the sync goes on without them; a host that cannot ask stops the sync
        /// with nothing changed.
        /// </summary>
        private bool ConfirmRemovals(IEnumerable<ClientPlanStep> plan)
        {
            List<ClientPlanStep> removals = plan.Where(step => step.Action == ClientSyncAction.Removed).ToList();
            if (removals.Count == 0 || Force || IsWhatIf || MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return true;
            }

            string names = string.Join(", ", removals.Select(step => $"'{step.ClientName}' ({step.ClientId})"));
            return ShouldContinue($"-Prune deletes {removals.Count} OAuth client(s) that no definition names: {names}. Their tokens stop working. Delete them?", "Sync-QlikOAuthClient -Prune");
        }

        private void Run(QlikSession session, ClientProvisioner provisioner, ClientPlanStep step)
        {
            switch (step.Action)
            {
                case ClientSyncAction.Created:
                    Create(session, provisioner, step);
                    break;
                case ClientSyncAction.Updated:
                    Update(session, provisioner, step);
                    break;
                case ClientSyncAction.Removed:
                    bool removed = ShouldRemove(step);
                    if (removed && !TryEngine(() => RunEngine(cancellationToken => provisioner.RemoveAsync(step.ClientId!, cancellationToken)), step.ClientId))
                    {
                        return;
                    }

                    WriteObject(new QlikOAuthClientSyncResult(step, removed, session));
                    break;
                default:
                    WriteObject(new QlikOAuthClientSyncResult(step, true, session));
                    break;
            }
        }

        private void Create(QlikSession session, ClientProvisioner provisioner, ClientPlanStep step)
        {
            if (!ShouldProcess($"'{step.ClientName}' on {session.TenantUrl} ({step.Definition!.Source})", "Create OAuth client"))
            {
                WriteObject(new QlikOAuthClientSyncResult(step, false, session));
                return;
            }

            // The plan found no client of this name: the duplicate check was made there, with the whole list.
            if (TryEngine(() => RunEngine(cancellationToken => provisioner.ProvisionAsync(step.Definition!, allowDuplicateName: true, cancellationToken)), step.ClientName, out ProvisionedClient provisioned))
            {
                WriteObject(new QlikOAuthClientSyncResult(step, true, session, ClientObjectOf(provisioned, session)));
                WriteIncomplete(provisioned.Incomplete);
            }
        }

        /// <summary>A secret the change made (client_secret enabled) is shown once: it goes out on the result, before the error of a later step.</summary>
        private void Update(QlikSession session, ClientProvisioner provisioner, ClientPlanStep step)
        {
            if (!ShouldProcess($"{step.ClientId} ('{step.ClientName}')", $"Update OAuth client ({string.Join(", ", step.Drift!.Fields.Select(field => field.Field))})"))
            {
                WriteObject(new QlikOAuthClientSyncResult(step, false, session));
            }
            else if (TryEngine(() => RunEngine(cancellationToken => provisioner.ApplyAsync(step.ClientId!, step.Drift!, cancellationToken)), step.ClientId, out AppliedDrift applied))
            {
                WriteObject(new QlikOAuthClientSyncResult(step, true, session, newSecret: applied.Secret));
                WriteIncomplete(applied.Incomplete);
            }
        }

        private bool ShouldRemove(ClientPlanStep step) =>
            ShouldProcess($"{step.ClientId} ('{step.ClientName}')", "Delete OAuth client (no definition names it; -Prune)") && _removalsConfirmed;
    }
}
