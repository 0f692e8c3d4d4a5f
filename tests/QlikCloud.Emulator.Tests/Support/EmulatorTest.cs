using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.Tests.Support;

/// <summary>
/// Base of every test class: a fresh emulator per test (xunit makes one class instance per test) and raw HTTP
/// helpers. Nothing here hides the wire format: bodies are JSON text, answers are parsed as JsonNode.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    protected TenantEmulator Emulator { get; private set; } = null!;

    protected ManualClock Clock { get; } = new();

    /// <summary>Options of this class's emulator; the manual clock is used only where a test opts in.</summary>
    protected virtual EmulatorOptions Options => new();

    public async Task InitializeAsync() => Emulator = await TenantEmulator.StartAsync(Options);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Emulator.DisposeAsync();
    }

    protected string Url(string pathAndQuery) => $"{Emulator.BaseUrl}{pathAndQuery}";

    protected string TokenUrl => Url("/oauth/token");

    /// <summary>Sends <paramref name="json"/> (when given) as application/json with an optional bearer.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? json = null, string? bearer = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, Url(pathAndQuery));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await _http.SendAsync(request);
    }

    protected Task<HttpResponseMessage> AdminAsync(HttpMethod method, string pathAndQuery, string? json = null, IDictionary<string, string>? headers = null) =>
        SendAsync(method, pathAndQuery, json, Emulator.AdminApiKey, headers);

    protected Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? bearer) => SendAsync(HttpMethod.Get, pathAndQuery, null, bearer);

    protected Task<HttpResponseMessage> TokenAsync(JsonObject body) => SendAsync(HttpMethod.Post, "/oauth/token", body.ToJsonString());

    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("null JSON");
    }

    /// <summary>Asserts the status and a body of exactly one Qlik error; returns that error object.</summary>
    protected static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null, string? detailContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var body = (JsonObject)await JsonAsync(response);
        var error = Assert.IsType<JsonObject>(Assert.Single(body["errors"]!.AsArray()));
        Assert.False(string.IsNullOrEmpty(error["code"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty((string?)body["traceId"]));
        if (code is not null)
        {
            Assert.Equal(code, (string?)error["code"]);
        }
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, (string?)error["detail"], StringComparison.Ordinal);
        }
        return error;
    }

    /// <summary>Asserts a token-endpoint error: catalog code and title, status as a string.</summary>
    protected static async Task<JsonObject> AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string title, string? detailContains = null)
    {
        var error = await AssertErrorAsync(response, status, code, detailContains);
        Assert.Equal(title, (string?)error["title"]);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error["status"]!.GetValue<string>());
        return error;
    }

    protected async Task<JsonObject> CreateClientAsync(JsonObject body)
    {
        var response = await AdminAsync(HttpMethod.Post, "/api/v1/oauth-clients", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (JsonObject)await JsonAsync(response);
    }

    /// <summary>A web client with the given grants and scopes, consent trusted unless told otherwise.</summary>
    protected static JsonObject WebClient(string name = "test client", string[]? scopes = null, string[]? grants = null, bool trusted = true)
    {
        var body = new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = name,
            ["allowedScopes"] = Strings(scopes ?? ["admin_classic", "user_default"]),
            ["allowedGrantTypes"] = Strings(grants ?? ["client_credentials"]),
        };
        if (trusted)
        {
            body["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" };
        }
        return body;
    }

    protected async Task<(string Id, string Secret)> CreateM2MAsync(string[]? scopes = null, string[]? grants = null, bool trusted = true)
    {
        var client = await CreateClientAsync(WebClient(scopes: scopes, grants: grants, trusted: trusted));
        return ((string)client["clientId"]!, (string)client["clientSecret"]!);
    }

    protected static JsonObject ClientCredentials(string id, string secret, string? scope = null)
    {
        var body = new JsonObject { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret };
        if (scope is not null)
        {
            body["scope"] = scope;
        }
        return body;
    }

    protected static JsonObject Impersonation(string id, string secret, string field, string value, string? scope = null)
    {
        var body = ClientCredentials(id, secret, scope);
        body["grant_type"] = "urn:qlik:oauth:user-impersonation";
        body["user_lookup"] = new JsonObject { ["field"] = field, ["value"] = value };
        return body;
    }

    /// <summary>Requests a token and asserts success; returns the access token.</summary>
    protected async Task<string> AccessTokenAsync(JsonObject body)
    {
        var response = await TokenAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["access_token"]!;
    }

    protected async Task<string> AdminTokenAsync()
    {
        var (id, secret) = await CreateM2MAsync();
        return await AccessTokenAsync(ClientCredentials(id, secret, "admin_classic"));
    }

    protected static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
