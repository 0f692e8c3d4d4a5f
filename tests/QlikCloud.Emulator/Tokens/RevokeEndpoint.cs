using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// <c>POST /oauth/revoke</c> (RFC 7009) for access and refresh tokens: 200 even for unknown tokens. Client credentials are optional (required with
/// <see cref="EmulatorOptions.RequireClientAuthOnRevoke"/>), but when sent they must be valid, and an authenticated
/// client can only revoke its own tokens.
/// </summary>
internal sealed class RevokeEndpoint(Tenant tenant)
{
    public IEnumerable<ApiRoute> Routes => [new("POST", "/oauth/revoke", Access.Anonymous, Revoke)];

    private Reply Revoke(ApiRequest request)
    {
        if (!TokenParameters.TryParse(request.Http.Request.ContentType, request.Body, out var parameters, out var error))
        {
            return OAuthErrors.InvalidRequest(error);
        }
        var value = parameters["token"];
        if (value is null)
        {
            return OAuthErrors.InvalidRequest("token is required");
        }
        lock (tenant.Gate)
        {
            string? clientId = null;
            var authenticates = parameters.Has("client_secret") || parameters.Has("client_assertion");
            if (!authenticates && tenant.RequireClientAuthOnRevoke)
            {
                return OAuthErrors.InvalidClientCredentials("client authentication is required to revoke a token: client_secret, or client_assertion with client_assertion_type (RFC 7009 section 2.1)");
            }
            if (authenticates)
            {
                // The assertion audience is the token URL, as for /oauth/token (unconfirmed for revocation).
                if (ClientAuthenticator.Authenticate(tenant, parameters, $"{request.Origin}/oauth/token", out var client) is { } authError)
                {
                    return authError;
                }
                clientId = client.ClientId;
            }
            if (tenant.Tokens.TryGetValue(value, out var token) && (clientId is null || token.ClientId == clientId))
            {
                tenant.Tokens.Remove(value);
            }
            if (tenant.SignIn.RefreshTokens.TryGetValue(value, out var refresh) && (clientId is null || refresh.ClientId == clientId))
            {
                tenant.SignIn.RefreshTokens.Remove(value);
                if (tenant.SignInRules.RevokeRefreshTokenEndsAccessTokens)
                {
                    foreach (var sibling in tenant.Tokens.Values.Where(t => t.GrantId == refresh.GrantId).ToList())
                    {
                        tenant.Tokens.Remove(sibling.Value);
                    }
                }
            }
            return new Reply(StatusCodes.Status200OK);
        }
    }
}
