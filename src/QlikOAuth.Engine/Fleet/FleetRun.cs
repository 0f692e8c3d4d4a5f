using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Fleet
{
    /// <summary>
    /// One piece of work per tenant, at most <c>throttleLimit</c> tenants at a time (the batch runner of the token
    /// cmdlets), outcomes in input order, and a count of tenants done after each, for a progress bar. Tenants share
    /// nothing: each session has its own connection and rate gates, so a 429 from one tenant never pauses another.
    /// </summary>
    public static class FleetRun
    {
        /// <summary>
        /// Enough tenants at once to hide each tenant's round trips, few enough that a run of hundreds neither opens
        /// hundreds of connections at once nor starves the machine it runs on.
        /// </summary>
        public const int DefaultThrottleLimit = 16;

        /// <param name="tenantDone">Called with the number of tenants done so far, from the thread that finished one.</param>
        public static Task<IReadOnlyList<BatchOutcome<TResult>>> ForEachAsync<TTenant, TResult>(
            IReadOnlyList<TTenant> tenants,
            int throttleLimit,
            Func<TTenant, CancellationToken, Task<TResult>> work,
            Action<int>? tenantDone,
            CancellationToken cancellationToken)
        {
            int done = 0;

            // Each tenant is its own "client" of the batch: a credential one tenant refuses, or its rate limit, must
            // never leave the other tenants untried.
            return TokenBatch.RunAsync(tenants, throttleLimit, tenant => (object)tenant!, new ClientRefusals(), async (tenant, token) =>
            {
                try
                {
                    return await work(tenant, token).ConfigureAwait(false);
                }
                finally
                {
                    tenantDone?.Invoke(Interlocked.Increment(ref done));
                }
            }, cancellationToken);
        }

        /// <summary>
        /// The failure as the fleet reports it: it names its tenant (<see cref="LeadOf"/>). The error id stays the cause's,
        /// so a script matching it behaves the same with one tenant or many.
        /// </summary>
        public static QlikOAuthException Naming(Uri tenantUrl, QlikOAuthException failure) =>
            LeadOf(tenantUrl, failure.Message) is string tenant
                ? new QlikOAuthException(failure.ErrorId, failure.Kind, $"{tenant}: {failure.Message}", tenant, failure)
                : failure;

        /// <summary>
        /// What a failure's message about <paramref name="tenantUrl"/> starts with, "{tenant}: ", to name its tenant: the
        /// full tenant URL, since an engine message names the host at most and the tenants of one region (or an
        /// emulator's) may share it. Null when <paramref name="message"/> names the tenant already, or the URL was
        /// refused as one (the message quotes it).
        /// </summary>
        public static string? LeadOf(Uri tenantUrl, string message)
        {
            if (!tenantUrl.IsAbsoluteUri)
            {
                return null;
            }

            string tenant = tenantUrl.GetLeftPart(UriPartial.Authority);
            return message.IndexOf(tenant, StringComparison.OrdinalIgnoreCase) >= 0 ? null : tenant;
        }
    }
}
