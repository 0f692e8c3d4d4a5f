using System.Collections.Generic;

namespace QlikOAuth.Engine.Rest
{
    /// <summary>A JSON object's members in the order the tenant sent them (a dictionary would not promise order).</summary>
    public sealed class JsonObjectNode : List<KeyValuePair<string, object?>>
    {
    }
}
