using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using QlikCloud.Emulator;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>Arranges tenant state over plain REST, independent of the cmdlets under test.</summary>
public static class EmulatorRest
{
    public sealed record Client(string ClientId, string Secret);

    /// <summary>A trusted M2M client whose token may manage OAuth clients (scope admin_classic).</summary>
    public static async Task<Client> CreateAdminClientAsync(TenantEmulator emulator, string name = "admin client")
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.AdminApiKey);
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/oauth-clients", new
        {
            appType = "web",
            clientName = name,
            allowedGrantTypes = new[] { "client_credentials" },
            allowedScopes = new[] { "user_default", "admin_classic" },
            connectionConfig = new { consentMethod = "trusted" },
        });
        response.EnsureSuccessStatusCode();
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Client(json.RootElement.GetProperty("clientId").GetString()!, json.RootElement.GetProperty("clientSecret").GetString()!);
    }
}
