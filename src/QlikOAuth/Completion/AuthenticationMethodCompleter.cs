using System.Collections.Generic;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Completion
{
    /// <summary>ClientSecret, PrivateKeyJwt and their wire names.</summary>
    public sealed class AuthenticationMethodCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Values => ClientVocabulary.AuthMethodNames.Keys;
    }
}
