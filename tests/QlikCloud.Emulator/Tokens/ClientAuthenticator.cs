using System.Security.Cryptography;
using System.Text;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Tokens;

/// <summary>Authenticates the client of a token or revoke request by client_secret or by private key JWT, never both.</summary>
internal static class ClientAuthenticator
{
    /// <summary>The client id a request names (client_id, else the assertion's unverified iss): its rate-limit caller.</summary>
    public static string? ClaimedClientId(TokenParameters parameters) =>
        parameters["client_id"] ?? (parameters["client_assertion"] is { } assertion ? ClientAssertionVerifier.UnverifiedIssuer(assertion) : null);

    /// <summary>Returns the error reply, or null with <paramref name="client"/> set. Call under the tenant lock.</summary>
    /// <param name="fetchedKeys">The keys read from the client's jwksUri (<see cref="JwksFetcher"/>), or null.</param>
    public static Reply? Authenticate(Tenant tenant, TokenParameters parameters, string audience, out OAuthClient client, IReadOnlyList<RegisteredKey>? fetchedKeys = null)
    {
        client = null!;
        var secret = parameters["client_secret"];
        var assertion = parameters["client_assertion"];
        if (secret is not null && assertion is not null)
        {
            return OAuthErrors.InvalidRequest("client_secret and client_assertion are exclusive: authenticate one way");
        }
        if (secret is null && assertion is null)
        {
            return OAuthErrors.InvalidRequest("client authentication is required: client_secret, or client_assertion with client_assertion_type");
        }
        if (assertion is not null && parameters["client_assertion_type"] != TokenGrants.AssertionType)
        {
            return OAuthErrors.InvalidRequest($"client_assertion_type must be {TokenGrants.AssertionType}");
        }
        var clientId = ClaimedClientId(parameters);
        if (clientId is null)
        {
            return OAuthErrors.InvalidRequest("client_id is required");
        }
        if (tenant.FindClient(clientId) is not { } found)
        {
            return OAuthErrors.InvalidClientId($"no OAuth client has client_id '{clientId}'");
        }
        client = found;
        return secret is not null ? CheckSecret(client, secret) : CheckAssertion(tenant, client, parameters["client_id"], assertion!, audience, fetchedKeys);
    }

    private static Reply? CheckSecret(OAuthClient client, string secret)
    {
        if (!client.Allows(TokenGrants.ClientSecretMethod))
        {
            return OAuthErrors.UnauthorizedGrantType("the client does not allow the client_secret auth method");
        }
        var given = Encoding.UTF8.GetBytes(secret);
        var matches = client.Secrets.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s.Value), given));
        return matches ? null : OAuthErrors.InvalidClientCredentials("client_secret: the secret is wrong or was deleted");
    }

    private static Reply? CheckAssertion(Tenant tenant, OAuthClient client, string? clientIdParameter, string assertion, string audience, IReadOnlyList<RegisteredKey>? fetchedKeys)
    {
        if (!client.Allows(TokenGrants.PrivateKeyJwtMethod))
        {
            return OAuthErrors.UnauthorizedGrantType("the client does not allow the private_key_jwt auth method");
        }
        var verified = ClientAssertionVerifier.Verify(assertion, client, fetchedKeys, clientIdParameter, audience, tenant.Now, out var failure);
        if (verified is null)
        {
            return OAuthErrors.InvalidClientCredentials(failure);
        }
        // The jti is spent only once the assertion verified, so a forged assertion cannot burn a legitimate id.
        return tenant.TryConsumeJti(client.ClientId, verified.Jti, verified.ExpiresAt)
            ? null
            : OAuthErrors.InvalidClientCredentials($"jti replay: the assertion id '{verified.Jti}' was already used");
    }
}
