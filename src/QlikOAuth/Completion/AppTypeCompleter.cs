using System.Collections.Generic;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Completion
{
    /// <summary>Web, Native, SinglePage, AnonymousEmbed and their wire names.</summary>
    public sealed class AppTypeCompleter : OfflineCompleter
    {
        protected override IEnumerable<string> Values => ClientVocabulary.AppTypeNames.Keys;
    }
}
