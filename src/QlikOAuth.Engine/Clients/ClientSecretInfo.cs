using System;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// One secret of a client as the tenant lists it (clientSecrets[] of the read model): its hint and when and by whom
    /// it was made. Never the secret itself, which the tenant showed once, when it was made.
    /// </summary>
    public sealed class ClientSecretInfo(string hint, DateTimeOffset? createdAt, string? createdBy)
    {
        /// <summary>Qlik's 5-character name for the secret.</summary>
        public string Hint { get; } = hint;

        /// <summary>Null when the tenant did not say.</summary>
        public DateTimeOffset? CreatedAt { get; } = createdAt;

        /// <summary>The id of the user who made it; null when the tenant did not say.</summary>
        public string? CreatedBy { get; } = createdBy;

        public override string ToString() => $"secret {Hint}";
    }
}
