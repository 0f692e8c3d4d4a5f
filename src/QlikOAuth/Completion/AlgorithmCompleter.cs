using System;
using System.Collections.Generic;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Completion
{
    /// <summary>RS256, RS512, ES384: the engine's signing algorithms.</summary>
    public sealed class AlgorithmCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Values => Enum.GetNames(typeof(SigningAlgorithm));
    }
}
