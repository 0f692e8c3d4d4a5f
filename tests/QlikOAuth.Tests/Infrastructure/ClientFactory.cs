using System.Net.Http;
using System.Security;
using System.Text.Json;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Tests.Infrastructure;

/// <summary>Creates OAuth clients on the emulator over the raw REST call, for tests below the client API.</summary>
public static class ClientFactory
{
    public sealed record CreatedClient(string ClientId, SecureString Secret, string SecretText);

    public static async Task<CreatedClient> CreateM2MAsync(QlikConnection connection, ITenantCredential admin, string name = "test client", params string[] scopes)
    {
        JsonElement json = await CreateAsync(connection, admin, new
        {
            appType = "web",
            clientName = name,
            allowedGrantTypes = new[] { "client_credentials", "urn:qlik:oauth:user-impersonation" },
            allowedScopes = scopes.Length == 0 ? new[] { "user_default" } : scopes,
            connectionConfig = new { consentMethod = "trusted" },
        });
        string secret = json.GetProperty("clientSecret").GetString()!;
        return new CreatedClient(json.GetProperty("clientId").GetString()!, SecretText.Protect(secret), secret);
    }

    /// <summary>POSTs a create body as Qlik takes it and returns the create response (with the one-time secret).</summary>
    public static async Task<JsonElement> CreateAsync(QlikConnection connection, ITenantCredential admin, object body)
    {
        QlikResponse response = await connection.SendAsync(
            new QlikRequest(HttpMethod.Post, "/api/v1/oauth-clients") { Credential = admin, JsonBody = JsonSerializer.Serialize(body) }, CancellationToken.None);
        return response.Json();
    }
}
