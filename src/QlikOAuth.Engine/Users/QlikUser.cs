using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QlikOAuth.Engine.Users
{
    /// <summary>A tenant user as the users API shows one. Unknown fields are kept, missing ones are null.</summary>
    public sealed class QlikUser
    {
        public string? Id { get; set; }
        public string? Subject { get; set; }
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? TenantId { get; set; }
        public List<string>? Roles { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

        public override string ToString() => Name ?? Subject ?? Id ?? "(unnamed user)";
    }
}
