using System.Collections.Generic;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Completion
{
    /// <summary>Well-known Qlik scopes (user_default, admin_classic, ...).</summary>
    public sealed class ScopeCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Values => ClientVocabulary.KnownScopes;
    }
}
