using System.Text.Json;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>Issuing clients on the emulator, made over the raw REST call: a secret client, or a key client with its private key.</summary>
internal static class TokenTestClients
{
    public static readonly string[] BothGrants = [GrantTypes.ClientCredentials, GrantTypes.UserImpersonation];

    public static async Task<ClientSecretAuthentication> SecretClientAsync(
        QlikConnection connection, ITenantCredential admin, string[]? grants = null, params string[] scopes)
    {
        JsonElement created = await CreateAsync(connection, admin, grants, scopes, ["client_secret"], null);
        return new ClientSecretAuthentication(created.GetProperty("clientId").GetString()!, SecretText.Protect(created.GetProperty("clientSecret").GetString()!));
    }

    /// <summary>A private_key_jwt-only client registered with a new key's public half; the authentication owns the key.</summary>
    public static async Task<PrivateKeyJwtAuthentication> KeyClientAsync(QlikConnection connection, ITenantCredential admin, SigningAlgorithm algorithm)
    {
        SigningKey key = KeyGenerator.Generate(algorithm, 2048, "kid-" + algorithm);
        return await KeyClientAsync(connection, admin, key.PublicJwk, key);
    }

    /// <summary>A private_key_jwt-only client registered with <paramref name="registered"/>; the authentication owns <paramref name="key"/>.</summary>
    public static async Task<PrivateKeyJwtAuthentication> KeyClientAsync(QlikConnection connection, ITenantCredential admin, PublicJwk registered, SigningKey key)
    {
        JsonElement created = await CreateAsync(connection, admin, null, [], ["private_key_jwt"], registered.ToDictionary());
        return new PrivateKeyJwtAuthentication(created.GetProperty("clientId").GetString()!, key);
    }

    private static async Task<JsonElement> CreateAsync(
        QlikConnection connection, ITenantCredential admin, string[]? grants, string[] scopes, string[] methods, IReadOnlyDictionary<string, string>? publicKey)
    {
        var body = new Dictionary<string, object>
        {
            ["appType"] = "web",
            ["clientName"] = "token test client " + Guid.NewGuid().ToString("N")[..8],
            ["allowedGrantTypes"] = grants ?? BothGrants,
            ["allowedScopes"] = scopes.Length == 0 ? ["user_default"] : scopes,
            ["allowedAuthMethods"] = methods,
            ["connectionConfig"] = new Dictionary<string, string> { ["consentMethod"] = "trusted" },
        };
        if (publicKey != null)
        {
            body["publicKeys"] = new[] { publicKey };
        }

        return await ClientFactory.CreateAsync(connection, admin, body);
    }
}
