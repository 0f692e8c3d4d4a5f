using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.Tests.Support;

/// <summary>Base of the fleet tests: a fresh fleet per test and raw HTTP to any of its tenants, by index.</summary>
public abstract class FleetTest : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected EmulatorFleet Fleet { get; private set; } = null!;

    protected virtual int TenantCount => 3;

    protected virtual EmulatorOptions Options => new();

    public async Task InitializeAsync() => Fleet = await EmulatorFleet.StartAsync(TenantCount, Options);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Fleet.DisposeAsync();
    }

    protected string Url(int tenant, string pathAndQuery) => $"{Fleet.Tenants[tenant].BaseUrl}{pathAndQuery}";

    protected async Task<HttpResponseMessage> SendAsync(int tenant, HttpMethod method, string pathAndQuery, string? json = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, Url(tenant, pathAndQuery));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return await _http.SendAsync(request);
    }

    protected Task<HttpResponseMessage> AdminAsync(int tenant, HttpMethod method, string pathAndQuery, string? json = null) =>
        SendAsync(tenant, method, pathAndQuery, json, Fleet.Tenants[tenant].AdminApiKey);

    protected Task<HttpResponseMessage> TokenAsync(int tenant, JsonObject body) => SendAsync(tenant, HttpMethod.Post, "/oauth/token", body.ToJsonString());

    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("null JSON");

    /// <summary>An M2M client's create body, consent trusted.</summary>
    protected static JsonObject M2MBody() => new()
    {
        ["appType"] = "web", ["clientName"] = "fleet client",
        ["allowedScopes"] = new JsonArray("admin_classic", "user_default"), ["allowedGrantTypes"] = new JsonArray("client_credentials"),
        ["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" },
    };

    /// <summary>Creates a client on one tenant and returns the 201 body.</summary>
    protected async Task<JsonNode> CreateClientAsync(int tenant, JsonObject body)
    {
        var response = await AdminAsync(tenant, HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString());
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    /// <summary>Creates an M2M client on one tenant, consent trusted there; returns its id and secret.</summary>
    protected async Task<(string Id, string Secret)> CreateM2MAsync(int tenant)
    {
        var client = await CreateClientAsync(tenant, M2MBody());
        return ((string)client["clientId"]!, (string)client["clientSecret"]!);
    }

    /// <summary>Sets one tenant's consent for a client with the connection-configs call.</summary>
    protected async Task TrustAsync(int tenant, string clientId)
    {
        var response = await AdminAsync(tenant, HttpMethod.Patch, $"/api/v1/oauth-clients/{clientId}/connection-configs/me",
            """[{"op":"replace","path":"/consentMethod","value":"trusted"}]""");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    protected async Task PublishAsync(int tenant, string clientId) =>
        Assert.Equal(System.Net.HttpStatusCode.Created, (await AdminAsync(tenant, HttpMethod.Post, $"/api/v1/oauth-clients/{clientId}/actions/publish")).StatusCode);

    /// <summary>The first error code of a Qlik error body.</summary>
    protected static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) => (string?)(await JsonAsync(response))["errors"]![0]!["code"];

    protected static JsonObject ClientCredentials(string id, string secret) =>
        new() { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret };
}
