using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// Runs one piece of work per item, at most <c>throttleLimit</c> at a time, and returns the outcomes in input
    /// order. An item's Qlik failure is its own outcome and the others go on, except a refusal of the issuing client:
    /// the client's items already in flight finish and no other item of it is sent (<see cref="ClientRefusals"/>).
    /// Rate limits need nothing here: a 429 closes the connection's gate for the whole tier, so every worker waits out
    /// Retry-After together.
    /// </summary>
    public static class TokenBatch
    {
        /// <summary>A few requests in flight already reach Qlik's tier-2 limit (100 a minute); more only queue at the gate.</summary>
        public const int DefaultThrottleLimit = 4;

        /// <param name="clientOf">
        /// What signs the item's request in: its issuing client (<see cref="TokenIssuer.ClientKey"/>), its session (a row
        /// of New-QlikUser) or its tenant (a fleet). A refusal stops the items of that key only.
        /// </param>
        /// <param name="refusals">The clients refused so far, kept across the chunks of one batch.</param>
        public static async Task<IReadOnlyList<BatchOutcome<TResult>>> RunAsync<TInput, TResult>(
            IReadOnlyList<TInput> inputs,
            int throttleLimit,
            Func<TInput, object> clientOf,
            ClientRefusals refusals,
            Func<TInput, CancellationToken, Task<TResult>> work,
            CancellationToken cancellationToken)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), "The throttle limit must be at least 1.");
            }

            var outcomes = new BatchOutcome<TResult>[inputs.Count];
            int next = -1;

            // Workers take items in input order, so early items finish first and results can be shown as they come.
            // A worker learns of a refusal before it takes its next item, so at most the other workers' items follow it.
            async Task WorkAsync()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < inputs.Count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    object client = clientOf(inputs[index]);
                    if (refusals.Admit(client) is QlikOAuthException refusal)
                    {
                        outcomes[index] = BatchOutcome<TResult>.Refused(refusal, tried: false);
                        continue;
                    }

                    try
                    {
                        outcomes[index] = BatchOutcome<TResult>.Success(await work(inputs[index], cancellationToken).ConfigureAwait(false));
                    }
                    catch (QlikOAuthException failure)
                    {
                        outcomes[index] = refusals.Refuses(client, failure)
                            ? BatchOutcome<TResult>.Refused(failure, tried: true)
                            : BatchOutcome<TResult>.Failed(failure);
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Math.Min(throttleLimit, inputs.Count)).Select(_ => Task.Run(WorkAsync))).ConfigureAwait(false);
            return outcomes;
        }
    }
}
