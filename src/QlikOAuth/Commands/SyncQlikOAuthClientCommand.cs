using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Fleet;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Makes the clients of one tenant, or of every tenant of -Session, match a set of definitions, matched by name:
    /// creates what is missing, patches only the fields that drifted (consent included), leaves clients without a
    /// definition alone unless -Prune, and emits one result per client and tenant. Every tenant is planned before any
    /// write, so a definition that cannot be read or two definitions of one name stop the sync with nothing changed; a
    /// tenant whose plan fails (two clients of one name, no answer) is an error of its own. The confirmed steps are
    /// then applied, up to -ThrottleLimit tenants at a time (see <see cref="FleetSync"/>).
    /// </summary>
    [Cmdlet(VerbsData.Sync, "QlikOAuthClient", SupportsShouldProcess = true, DefaultParameterSetName = DefinitionSet)]
    [OutputType(typeof(QlikOAuthClientSyncResult))]
    public sealed class SyncQlikOAuthClientCommand : ClientDefinitionCmdlet
    {
        private const string Activity = "Sync-QlikOAuthClient";

        private readonly List<ClientDefinition> _definitions = new List<ClientDefinition>();
        private bool _unreadable;
        private bool _removalsConfirmed;

        /// <summary>
        /// Also remove the tenant's clients that no definition names; asked once for all of them (on every tenant),
        /// before any write, unless -Force. Never removed, each named in a warning: a client no definition could describe
        /// (Export's rule: another app type, a key this module cannot read) and the client the session signs in with.
        /// </summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>Do not ask before removing a client with -Prune (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>How many tenants of -Session are planned and synced at once (default 16); each tenant's own steps run in order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = FleetRun.DefaultThrottleLimit;

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

            IReadOnlyList<QlikSession> sessions = ResolveSessions();
            var progress = new TenantProgress(this, Activity, sessions.Count);
            List<SyncTenant> tenants = sessions.Select(session => new SyncTenant(session.TenantUrl, new ClientProvisioner(ApiOf(session)), SignInOf(session)?.Client.ClientId)).ToList();
            if (!TryEngine(
                () => RunEngine(cancellationToken => FleetSync.PlanAsync(tenants, _definitions, Prune, AllowUnknownScope, ThrottleLimit, done => OnPipelineThread(() => progress.Show("Planning", done)), cancellationToken)),
                null,
                out IReadOnlyList<BatchOutcome<ClientPlan>> plans))
            {
                return;
            }

            var planned = new List<(QlikSession Session, SyncTenant Tenant, ClientPlan Plan)>();
            for (int i = 0; i < sessions.Count; i++)
            {
                if (plans[i].Result is ClientPlan plan)
                {
                    planned.Add((sessions[i], tenants[i], plan));
                    ReportPlan(sessions[i], plan);
                }
                else
                {
                    WriteError(ErrorRecords.From(plans[i].Failure!));
                }
            }

            _removalsConfirmed = ConfirmRemovals(planned);
            var confirmed = planned.Select(tenant => (tenant.Session, Work: (tenant.Tenant, Confirmed(tenant.Session, tenant.Plan)))).Where(tenant => tenant.Work.Item2.Count > 0).ToList();
            Apply(confirmed.Select(tenant => tenant.Session).ToList(), confirmed.Select(tenant => ((SyncTenant, IReadOnlyList<ClientPlanStep>))tenant.Work).ToList(), progress);
            progress.Complete();
        }

        private void ReportPlan(QlikSession session, ClientPlan plan)
        {
            foreach (QlikOAuthException refused in plan.Refused)
            {
                WriteError(ErrorRecords.From(FleetRun.Naming(session.TenantUrl, refused)));
            }

            foreach (PruneExemption exemption in plan.LeftAlone)
            {
                WriteWarning($"{session.TenantUrl}: {exemption}");
            }
        }

        /// <summary>
        /// Removals are the one step no definition asks for: without -Force they are confirmed once, for all of them on
        /// every tenant, before anything is written. Declined, the sync goes on without them; a host that cannot ask
        /// stops the sync with nothing changed.
        /// </summary>
        private bool ConfirmRemovals(IEnumerable<(QlikSession Session, SyncTenant Tenant, ClientPlan Plan)> planned)
        {
            List<string> perTenant = planned
                .Select(tenant => (tenant.Session.TenantUrl, Removals: tenant.Plan.Steps.Where(step => step.Action == ClientSyncAction.Removed).ToList()))
                .Where(tenant => tenant.Removals.Count > 0)
                .Select(tenant => $"{tenant.TenantUrl}: {string.Join(", ", tenant.Removals.Select(step => $"'{step.ClientName}' ({step.ClientId})"))}")
                .ToList();
            if (perTenant.Count == 0 || Force || IsWhatIf || MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                return true;
            }

            int count = planned.Sum(tenant => tenant.Plan.Steps.Count(step => step.Action == ClientSyncAction.Removed));
            return ShouldContinue($"-Prune deletes {count} OAuth client(s) that no definition names, on {perTenant.Count} tenant(s): {string.Join("; ", perTenant)}. Their tokens stop working. Delete them?", "Sync-QlikOAuthClient -Prune");
        }

        /// <summary>
        /// Asks ShouldProcess for each write of the tenant's plan, here on the pipeline thread and before any write of
        /// the fleet: -WhatIf shows the whole fleet's plan. What needs no write, or is declined, is emitted now.
        /// </summary>
        private List<ClientPlanStep> Confirmed(QlikSession session, ClientPlan plan)
        {
            var confirmed = new List<ClientPlanStep>();
            foreach (ClientPlanStep step in plan.Steps)
            {
                bool write = step.Action switch
                {
                    ClientSyncAction.Created => ShouldProcess($"'{step.ClientName}' on {session.TenantUrl} ({step.Definition!.Source})", "Create OAuth client"),
                    ClientSyncAction.Updated => ConfirmUpdate(session, step),
                    ClientSyncAction.Removed => ShouldProcess($"{step.ClientId} ('{step.ClientName}') on {session.TenantUrl}", "Delete OAuth client (no definition names it; -Prune)") && _removalsConfirmed,
                    _ => false,
                };
                if (write)
                {
                    confirmed.Add(step);
                }
                else
                {
                    WriteObject(new QlikOAuthClientSyncResult(step, step.Action == ClientSyncAction.Unchanged, session));
                }
            }

            return confirmed;
        }

        // An update that leaves out what the session signs in with ends the session, as Set-QlikOAuthClient's would: it
        // warns and asks, here before any write of the fleet.
        private bool ConfirmUpdate(QlikSession session, ClientPlanStep step)
        {
            string target = $"{step.ClientId} ('{step.ClientName}') on {session.TenantUrl}";
            string action = $"Update OAuth client ({string.Join(", ", step.Drift!.Fields.Select(field => field.Field))})";
            return SignInOf(session)?.LostBy(step.ClientId!, step.Drift.Changes) is string how
                ? ConfirmChangeEndingSession(session, target, action, Force, $"Client {step.ClientId}", how, ConnectElsewhereFirst)
                : ShouldProcess(target, action);
        }

        /// <summary>
        /// Applies the confirmed steps, tenants in parallel; each result is written as soon as its step is done, a
        /// one-time secret first of all. The errors are written once every tenant is done: an error that ends the call
        /// (-ErrorAction Stop) must not leave other tenants' work going on unseen, nor their new secrets unshown.
        /// </summary>
        private void Apply(IReadOnlyList<QlikSession> sessions, IReadOnlyList<(SyncTenant Tenant, IReadOnlyList<ClientPlanStep> Steps)> work, TenantProgress progress)
        {
            if (work.Count == 0)
            {
                return;
            }

            var errors = new List<ErrorRecord>();
            if (TryEngine(
                () => RunEngine(cancellationToken => FleetSync.ApplyAsync(
                    work,
                    ThrottleLimit,
                    (tenant, outcome) => OnPipelineThread(() => Write(sessions[tenant], outcome, errors)),
                    done => OnPipelineThread(() => progress.Show("Applying", done)),
                    cancellationToken)),
                null,
                out IReadOnlyList<QlikOAuthException?> stopped))
            {
                errors.AddRange(stopped.OfType<QlikOAuthException>().Select(failure => ErrorRecords.From(failure)));
            }

            foreach (ErrorRecord error in errors)
            {
                WriteError(error);
            }
        }

        private void Write(QlikSession session, SyncStepOutcome outcome, List<ErrorRecord> errors)
        {
            ClientPlanStep step = outcome.Step;
            QlikOAuthException? incomplete = outcome.Created?.Incomplete ?? outcome.Updated?.Incomplete;
            if (outcome.Failure != null)
            {
                errors.Add(ErrorRecords.From(outcome.Failure, step.ClientId ?? step.ClientName));
                return;
            }

            // A secret the create or the change made (client_secret enabled) is shown once: it goes out on the result now.
            WriteObject(outcome.Created is ProvisionedClient created
                ? new QlikOAuthClientSyncResult(step, true, session, ClientObjectOf(created, session))
                : new QlikOAuthClientSyncResult(step, true, session, newSecret: outcome.Updated?.Secret));
            if (incomplete != null)
            {
                errors.Add(ErrorRecords.From(incomplete));
            }
        }
    }
}
