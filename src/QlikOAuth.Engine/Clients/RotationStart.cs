using System.Collections.Generic;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The first step of a rotation: the credential added, and either the old ones to remove once the new one is in
    /// use, or why its proof failed.
    /// </summary>
    public sealed class RotationStart<TCredential>(TCredential added, IReadOnlyList<string> retiring, QlikOAuthException? failure, bool addedKept)
        where TCredential : class
    {
        /// <summary>The new secret or key.</summary>
        public TCredential Added { get; } = added;

        /// <summary>Hints or key ids to remove in the second step; empty with -KeepOld or when there was none.</summary>
        public IReadOnlyList<string> Retiring { get; } = retiring;

        /// <summary>Null when the new credential got a token; else why not (error id RotationProofFailed).</summary>
        public QlikOAuthException? Failure { get; } = failure;

        /// <summary>
        /// Whether the new credential is on the client now: always after a proof, and after a failed proof whose
        /// clean-up failed too. A secret that stays must reach the user: the tenant showed it once.
        /// </summary>
        public bool AddedKept { get; } = addedKept;
    }
}
