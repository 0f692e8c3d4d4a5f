using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Fleet
{
    /// <summary>
    /// Sync-QlikOAuthClient across tenants: every tenant is planned before any is written to (so the caller can show
    /// and confirm the whole fleet's plan), then the confirmed steps are applied, tenants in parallel and each tenant's
    /// steps in order. A tenant that fails (no answer, 5xx after the retries, its credential refused) stops with one
    /// error naming it and what it already got; the other tenants go on. A failure of one definition or of the tenant's
    /// data (a 400, two clients of one name) keeps its own id, names the tenant, and stops only that step or plan.
    /// </summary>
    public static class FleetSync
    {
        /// <summary>
        /// Each tenant's plan (<see cref="ClientProvisioner.PlanAsync"/>), in input order. The definitions are checked
        /// once first, before any request: a bad definition is wrong for every tenant alike, so it stops the whole sync.
        /// </summary>
        public static Task<IReadOnlyList<BatchOutcome<ClientPlan>>> PlanAsync(
            IReadOnlyList<SyncTenant> tenants,
            IReadOnlyList<ClientDefinition> definitions,
            bool prune,
            bool allowUnknownScopes,
            int throttleLimit,
            Action<int>? tenantDone,
            CancellationToken cancellationToken)
        {
            ClientProvisioner.CheckDefinitions(definitions, allowUnknownScopes);
            return FleetRun.ForEachAsync(
                tenants,
                throttleLimit,
                async (tenant, token) =>
                {
                    try
                    {
                        return await tenant.Provisioner.PlanAsync(definitions, prune, allowUnknownScopes, tenant.SessionClientId, token).ConfigureAwait(false);
                    }
                    catch (QlikOAuthException failure) when (StopsTenant(failure))
                    {
                        throw Stopped(tenant, "while planning, before any change", failure, Array.Empty<SyncStepOutcome>());
                    }
                    catch (QlikOAuthException failure)
                    {
                        // The tenant's own clients stop its plan (two of one name): its own error, kept as it is, naming the tenant.
                        throw FleetRun.Naming(tenant.TenantUrl, failure);
                    }
                },
                tenantDone,
                cancellationToken);
        }

        /// <summary>
        /// Applies each tenant's confirmed steps. <paramref name="stepDone"/> gets each step's outcome as soon as it is
        /// known, from the worker's thread, so a one-time secret is out before anything later can fail. The result per
        /// tenant is null, or the one error that stopped it.
        /// </summary>
        /// <param name="stepDone">The tenant's index in <paramref name="tenants"/>, and the outcome.</param>
        public static async Task<IReadOnlyList<QlikOAuthException?>> ApplyAsync(
            IReadOnlyList<(SyncTenant Tenant, IReadOnlyList<ClientPlanStep> Steps)> tenants,
            int throttleLimit,
            Action<int, SyncStepOutcome> stepDone,
            Action<int>? tenantDone,
            CancellationToken cancellationToken)
        {
            IReadOnlyList<BatchOutcome<bool>> outcomes = await FleetRun.ForEachAsync(
                Enumerable.Range(0, tenants.Count).ToList(),
                throttleLimit,
                (index, token) => ApplyTenantAsync(tenants[index].Tenant, tenants[index].Steps, outcome => stepDone(index, outcome), token),
                tenantDone,
                cancellationToken).ConfigureAwait(false);
            return outcomes.Select(outcome => outcome.Failure).ToList();
        }

        private static async Task<bool> ApplyTenantAsync(SyncTenant tenant, IReadOnlyList<ClientPlanStep> steps, Action<SyncStepOutcome> stepDone, CancellationToken cancellationToken)
        {
            var applied = new List<SyncStepOutcome>();
            foreach (ClientPlanStep step in steps)
            {
                SyncStepOutcome outcome;
                try
                {
                    outcome = await ApplyStepAsync(tenant.Provisioner, step, cancellationToken).ConfigureAwait(false);
                    applied.Add(outcome);
                }
                catch (QlikOAuthException failure) when (StopsTenant(failure))
                {
                    throw Stopped(tenant, $"at {step.Action.ToString().ToLowerInvariant()} '{step.ClientName}'", failure, applied);
                }
                catch (QlikOAuthException failure)
                {
                    outcome = SyncStepOutcome.Failed(step, FleetRun.Naming(tenant.TenantUrl, failure));
                }

                stepDone(outcome);
            }

            return true;
        }

        private static async Task<SyncStepOutcome> ApplyStepAsync(ClientProvisioner provisioner, ClientPlanStep step, CancellationToken cancellationToken)
        {
            switch (step.Action)
            {
                case ClientSyncAction.Created:
                    // The plan found no client of this name: the duplicate check was made there, with the whole list.
                    return SyncStepOutcome.Applied(step, created: await provisioner.ProvisionAsync(step.Definition!, allowDuplicateName: true, cancellationToken).ConfigureAwait(false));
                case ClientSyncAction.Updated:
                    return SyncStepOutcome.Applied(step, updated: await provisioner.ApplyAsync(step.ClientId!, step.Drift!, cancellationToken).ConfigureAwait(false));
                case ClientSyncAction.Removed:
                    await provisioner.RemoveAsync(step.ClientId!, cancellationToken).ConfigureAwait(false);
                    return SyncStepOutcome.Applied(step);
                default:
                    return SyncStepOutcome.Applied(step);
            }
        }

        /// <summary>
        /// A failure of the tenant rather than of one definition: its later steps would fail alike (or wait out the same
        /// outage), so the tenant stops there. A refused definition (400, 404, 409) is that step's alone.
        /// </summary>
        private static bool StopsTenant(QlikOAuthException failure) => failure.Kind switch
        {
            QlikErrorKind.Authentication => true,
            QlikErrorKind.PermissionDenied => true,
            QlikErrorKind.RateLimited => true,
            QlikErrorKind.ServiceUnavailable => true,
            QlikErrorKind.Timeout => true,
            QlikErrorKind.InvalidResponse => true,
            _ => false,
        };

        private static QlikOAuthException Stopped(SyncTenant tenant, string where, QlikOAuthException cause, IReadOnlyCollection<SyncStepOutcome> applied)
        {
            string tenantUrl = tenant.TenantUrl.GetLeftPart(UriPartial.Authority);
            string done = applied.Count == 0
                ? "Nothing was changed there."
                : $"Already applied there: {string.Join("; ", applied.Select(outcome => outcome.Describe()))}.";
            return new QlikOAuthException(
                FleetErrors.SyncTenantFailed,
                cause.Kind,
                $"The sync of {tenantUrl} stopped {where}: {cause.Message} {done} The other tenants went on; run the same sync again once the tenant answers, and it does only what is still missing.",
                tenantUrl,
                cause);
        }
    }
}
