using System.Linq;
using System.Collections.Generic;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Completion
{
    /// <summary>ClientCredentials, UserImpersonation and their wire names, and AuthorizationCode (people signing in).</summary>
    public sealed class GrantTypeCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Values => ClientVocabulary.GrantTypeNames.Keys.Append(ClientVocabulary.AuthorizationCode);
    }
}
