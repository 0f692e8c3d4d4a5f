namespace QlikCloud.Emulator.State;

/// <summary>
/// A registered OAuth client. Mutated only under its home <see cref="Tenant.Gate"/>; once published, other tenants of
/// the region read it under their own lock, so <see cref="Spec"/> and <see cref="Secrets"/> are replaced, never changed
/// in place. Each tenant's consent and bot user are in its <see cref="ClientConnection"/>.
/// </summary>
internal sealed class OAuthClient
{
    public required string ClientId { get; init; }
    public required ClientSpec Spec { get; set; }
    public required string OwnerId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public IReadOnlyList<ClientSecret> Secrets { get; private set; } = [];

    public bool Allows(string authMethod) => Spec.AllowedAuthMethods.Contains(authMethod);

    public void AddSecret(ClientSecret secret) => Secrets = [.. Secrets, secret];

    /// <returns>Whether a secret had that hint.</returns>
    public bool RemoveSecret(string hint)
    {
        var kept = Secrets.Where(s => s.Hint != hint).ToList();
        var removed = kept.Count < Secrets.Count;
        Secrets = kept;
        return removed;
    }

    public void ClearSecrets() => Secrets = [];
}

internal sealed record ClientSecret(string Value, string Hint, DateTimeOffset CreatedAt, string CreatedBy);
