using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>Arranges tenant state over plain REST with the admin API key, independent of the cmdlets under test.</summary>
public static class EmulatorRest
{
    public sealed record Client(string ClientId, string Secret);

    /// <summary>An HttpClient on the emulator that acts as its TenantAdmin (the API key).</summary>
    public static HttpClient AdminHttp(TenantEmulator emulator)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.AdminApiKey);
        return http;
    }

    /// <summary>Creates a client from a create body as Qlik takes it; returns its id and one-time secret.</summary>
    public static async Task<Client> CreateClientAsync(TenantEmulator emulator, JsonObject body)
    {
        using HttpClient http = AdminHttp(emulator);
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/oauth-clients", body);
        response.EnsureSuccessStatusCode();
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Client(json.RootElement.GetProperty("clientId").GetString()!, json.RootElement.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>Creates a client of an app type this module does not manage (spa, native, anonymous-embed), which gets no secret; returns its id.</summary>
    public static async Task<string> CreateClientOfAppTypeAsync(TenantEmulator emulator, string appType, string name)
    {
        var body = new JsonObject { ["appType"] = appType, ["clientName"] = name };
        if (appType != "anonymous-embed")
        {
            body["redirectUris"] = new JsonArray("https://app.example.com/callback");
        }

        using HttpClient http = AdminHttp(emulator);
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/oauth-clients", body);
        response.EnsureSuccessStatusCode();
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("clientId").GetString()!;
    }

    /// <summary>
    /// A client people sign in with: <paramref name="appType"/> native (public) or web (confidential; its secret is
    /// returned), the loopback <paramref name="redirectUri"/>, scopes user_default and offline_access. With
    /// <paramref name="publicJwks"/> (JSON objects), a web client that authenticates with private key JWT and those keys.
    /// </summary>
    public static async Task<(string ClientId, string? Secret)> CreateSignInClientAsync(
        TenantEmulator emulator, string redirectUri, string appType = "native", bool trusted = true, params string[] publicJwks)
    {
        var body = new JsonObject
        {
            ["appType"] = appType,
            ["clientName"] = $"{appType} sign-in",
            ["redirectUris"] = new JsonArray(redirectUri),
            ["allowedScopes"] = new JsonArray("user_default", "offline_access"),
        };
        if (publicJwks.Length > 0)
        {
            body["allowedAuthMethods"] = new JsonArray("private_key_jwt");
            body["publicKeys"] = new JsonArray([.. publicJwks.Select(jwk => JsonNode.Parse(jwk))]);
        }

        if (trusted)
        {
            body["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" };
        }

        using HttpClient http = AdminHttp(emulator);
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/oauth-clients", body);
        response.EnsureSuccessStatusCode();
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("clientId").GetString()!, json.RootElement.TryGetProperty("clientSecret", out JsonElement secret) ? secret.GetString() : null);
    }

    /// <summary>A trusted M2M client whose token may manage OAuth clients (scope admin_classic).</summary>
    public static Task<Client> CreateAdminClientAsync(TenantEmulator emulator, string name = "admin client") =>
        CreateClientAsync(emulator, new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = name,
            ["allowedGrantTypes"] = new JsonArray("client_credentials"),
            ["allowedScopes"] = new JsonArray("user_default", "admin_classic"),
            ["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" },
        });
}
