using System.Text.Json.Nodes;
using QlikCloud.Emulator.Clients;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// Reads a client's keys from its jwksUri for one token request (<see cref="EmulatorOptions.FetchLoopbackJwks"/>):
/// loopback URLs only, within the tenant's fetch timeout, each key checked as at registration. A failure is the
/// reason the assertion is refused.
/// </summary>
internal static class JwksFetcher
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    /// <summary>The keys a private key JWT request must be verified with when its client registers a jwksUri; null otherwise.</summary>
    public static IReadOnlyList<RegisteredKey>? KeysFor(Tenant tenant, TokenParameters parameters, out string? failure)
    {
        failure = null;
        string? jwksUri;
        lock (tenant.Gate)
        {
            var clientId = parameters["client_assertion"] is null ? null : ClientAuthenticator.ClaimedClientId(parameters);
            jwksUri = clientId is not null && tenant.FindClient(clientId) is { } client && client.Spec.PublicKeys.Count == 0 ? client.Spec.JwksUri : null;
        }
        return jwksUri is null || !tenant.FetchLoopbackJwks ? null : Fetch(jwksUri, tenant.JwksFetchTimeout, out failure);
    }

    private static IReadOnlyList<RegisteredKey>? Fetch(string jwksUri, TimeSpan timeout, out string? failure)
    {
        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) || !uri.IsLoopback)
        {
            failure = $"jwksUri: '{jwksUri}' is not on a loopback address; the emulator fetches no other";
            return null;
        }
        string text;
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            using var response = Http.GetAsync(uri, cancel.Token).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                failure = $"jwksUri: fetching {jwksUri} answered {(int)response.StatusCode}";
                return null;
            }
            text = response.Content.ReadAsStringAsync(cancel.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            failure = ex is OperationCanceledException
                ? $"jwksUri: fetching {jwksUri} took longer than {timeout.TotalSeconds:0.#} s"
                : $"jwksUri: fetching {jwksUri} failed ({ex.Message})";
            return null;
        }
        return Parse(jwksUri, text, out failure);
    }

    private static IReadOnlyList<RegisteredKey>? Parse(string jwksUri, string text, out string? failure)
    {
        failure = null;
        if (!JsonBody.TryParse(text, out var node, out _) || node is not JsonObject { } set || set["keys"] is not JsonArray keys)
        {
            failure = $"jwksUri: {jwksUri} is not a JWKS document ({{\"keys\": [...]}})";
            return null;
        }
        var registered = new List<RegisteredKey>();
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i] is JsonObject jwk ? JwkValidator.Validate(jwk, $"jwksUri keys[{i}]", out var error) : null;
            if (key is null)
            {
                failure = $"jwksUri: {jwksUri} keys[{i}] is not a usable public JWK";
                return null;
            }
            registered.Add(key);
        }
        return registered;
    }
}
