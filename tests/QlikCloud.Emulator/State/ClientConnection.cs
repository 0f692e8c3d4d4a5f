namespace QlikCloud.Emulator.State;

/// <summary>
/// One tenant's configuration of a client (<c>connection-configs/me</c>) and the bot user its M2M tokens act as there.
/// The home tenant's is made with the client; another tenant's, for a published client, on first use, consent required.
/// Mutated only under that tenant's <see cref="Tenant.Gate"/>.
/// </summary>
internal sealed class ClientConnection
{
    /// <summary><c>required</c> unless made <c>trusted</c> at creation or by the connection-configs PATCH.</summary>
    public string ConsentMethod { get; set; } = "required";

    /// <summary>Created with the client's first client_credentials token on this tenant.</summary>
    public string? BotUserId { get; set; }
}
