namespace QlikCloud.Emulator.State;

/// <summary>A registered OAuth client. Mutated only under <see cref="Tenant.Gate"/>.</summary>
internal sealed class OAuthClient
{
    public required string ClientId { get; init; }
    public required ClientSpec Spec { get; set; }
    public required string OwnerId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary><c>required</c> unless made <c>trusted</c> at creation or by the connection-configs PATCH.</summary>
    public string ConsentMethod { get; set; } = "required";
    public List<ClientSecret> Secrets { get; } = [];

    /// <summary>Created with the client's first client_credentials token.</summary>
    public string? BotUserId { get; set; }

    public bool Allows(string authMethod) => Spec.AllowedAuthMethods.Contains(authMethod);
}

internal sealed record ClientSecret(string Value, string Hint, DateTimeOffset CreatedAt, string CreatedBy);
