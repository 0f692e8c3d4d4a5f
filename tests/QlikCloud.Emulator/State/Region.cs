using System.Collections.Concurrent;

namespace QlikCloud.Emulator.State;

/// <summary>
/// The published clients of one region: what every tenant of an <see cref="EmulatorFleet"/> shares. A client published
/// on its home tenant answers on every tenant's <c>/oauth/*</c> with the same id and credential (section 8.3); each
/// tenant keeps its own <see cref="ClientConnection"/> for it. Lock-free, so a tenant reads it under its own lock and
/// never takes another tenant's.
/// </summary>
internal sealed class Region
{
    private readonly ConcurrentDictionary<string, OAuthClient> _published = new(StringComparer.Ordinal);

    /// <summary>Call under the home tenant's lock.</summary>
    public void Publish(OAuthClient client) => _published[client.ClientId] = client;

    /// <summary>The client was deleted (or its tenant reset): no tenant of the region knows it any more.</summary>
    public void Withdraw(string clientId) => _published.TryRemove(clientId, out _);

    public OAuthClient? Find(string clientId) => _published.GetValueOrDefault(clientId);

    public IEnumerable<OAuthClient> All => _published.Values;
}
