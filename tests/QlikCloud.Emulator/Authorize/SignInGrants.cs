using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;
using QlikCloud.Emulator.Tokens;

namespace QlikCloud.Emulator.Authorize;

/// <summary>
/// The token grants of a person's sign-in (section 8.2): <c>authorization_code</c> with <c>code_verifier</c> (codes are
/// single use and short-lived) and <c>refresh_token</c> (a new refresh token on every use; the old one refused unless
/// EmulatorOptions.RefuseSpentRefreshTokens is off). A refresh token comes only to web and native clients, only with
/// <c>offline_access</c> granted.
/// </summary>
internal sealed class SignInGrants(Tenant tenant)
{
    public Reply Issue(ApiRequest request, string grant, TokenParameters parameters)
    {
        if (parameters.UserLookup is not null)
        {
            return OAuthErrors.InvalidRequest("user_lookup belongs to the user-impersonation grant");
        }
        var fetchedKeys = JwksFetcher.KeysFor(tenant, parameters, out var fetchFailure);
        if (fetchFailure is not null)
        {
            return OAuthErrors.InvalidClientCredentials(fetchFailure);
        }
        var audience = $"{request.Origin}/oauth/token";
        lock (tenant.Gate)
        {
            return grant == TokenGrants.AuthorizationCode
                ? ExchangeCode(parameters, audience, fetchedKeys)
                : Refresh(parameters, audience, fetchedKeys);
        }
    }

    private Reply ExchangeCode(TokenParameters parameters, string audience, IReadOnlyList<RegisteredKey>? fetchedKeys)
    {
        var missing = new[] { "code", "redirect_uri", "code_verifier" }.FirstOrDefault(name => !parameters.Has(name));
        if (missing is not null)
        {
            return OAuthErrors.InvalidRequest($"{missing} is required for the authorization_code grant");
        }
        if (!Pkce.IsVerifier(parameters["code_verifier"]!))
        {
            return OAuthErrors.InvalidRequest("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
        }
        var clientId = ClientAuthenticator.ClaimedClientId(parameters);
        if (clientId is null)
        {
            return OAuthErrors.InvalidRequest("client_id is required");
        }
        if (tenant.FindClient(clientId) is not { } client)
        {
            return OAuthErrors.InvalidClientId($"no OAuth client has client_id '{clientId}'");
        }
        if (Authenticate(client, parameters, audience, fetchedKeys) is { } authError)
        {
            return authError;
        }
        // Spent on first presentation, whatever follows: a code is single use (RFC 6749 4.1.2).
        tenant.SignIn.Codes.Remove(parameters["code"]!, out var code);
        if (code is null || code.ExpiresAt <= tenant.Now)
        {
            return SignInErrors.InvalidGrant("the code is unknown, already used or expired: sign in again");
        }
        if (code.ClientId != client.ClientId)
        {
            return SignInErrors.InvalidGrant("the code was issued to another client");
        }
        if (code.RedirectUri != parameters["redirect_uri"])
        {
            return SignInErrors.InvalidGrant("redirect_uri is not the one the code was issued for");
        }
        if (!Pkce.Matches(parameters["code_verifier"]!, code.CodeChallenge))
        {
            return SignInErrors.InvalidGrant("code_verifier does not match the code_challenge");
        }
        return IssueTokens(client, code.UserId, code.Scopes, TokenGrants.AuthorizationCode, Ids.TokenId(), code.AuthTime);
    }

    private Reply Refresh(TokenParameters parameters, string audience, IReadOnlyList<RegisteredKey>? fetchedKeys)
    {
        var value = parameters["refresh_token"];
        if (value is null)
        {
            return OAuthErrors.InvalidRequest("refresh_token is required for the refresh_token grant");
        }
        if (!tenant.SignIn.RefreshTokens.TryGetValue(value, out var refresh) || refresh.ExpiresAt <= tenant.Now)
        {
            return SignInErrors.InvalidGrant(tenant.SignIn.SpentRefreshTokens.Contains(value)
                ? "the refresh token was already used: each refresh answers a new one"
                : "the refresh token is unknown, revoked or expired: sign in again");
        }
        if (tenant.FindClient(refresh.ClientId) is not { } client)
        {
            return SignInErrors.InvalidGrant("the client of this refresh token was deleted");
        }
        // The schema has no client_id (section 8.2): a credential, when sent, must be the token's own client's.
        if (parameters.Has("client_id") && parameters["client_id"] != client.ClientId)
        {
            return SignInErrors.InvalidGrant("the refresh token was issued to another client");
        }
        if (Authenticate(client, parameters, audience, fetchedKeys) is { } authError)
        {
            return authError;
        }
        if (tenant.SignInRules.RefuseSpentRefreshTokens)
        {
            tenant.SignIn.RefreshTokens.Remove(value);
            tenant.SignIn.SpentRefreshTokens.Add(value);
        }
        return IssueTokens(client, refresh.UserId, refresh.Scopes, TokenGrants.RefreshToken, refresh.GrantId, refresh.AuthTime);
    }

    /// <summary>A credential is checked whenever one is sent; a web client must send one only when the (unconfirmed) rule says so.</summary>
    private Reply? Authenticate(OAuthClient client, TokenParameters parameters, string audience, IReadOnlyList<RegisteredKey>? fetchedKeys)
    {
        if (parameters.Has("client_secret") || parameters.Has("client_assertion"))
        {
            if (!parameters.Has("client_id") && !parameters.Has("client_assertion"))
            {
                parameters = parameters.With("client_id", client.ClientId);
            }
            if (ClientAuthenticator.Authenticate(tenant, parameters, audience, out var authenticated, fetchedKeys) is { } error)
            {
                return error;
            }
            return authenticated.ClientId == client.ClientId ? null : SignInErrors.InvalidGrant("the credential is another client's");
        }
        return client.Spec.AppType == "web" && tenant.SignInRules.RequireWebClientAuthOnCodeExchange
            ? OAuthErrors.InvalidClientCredentials("a web client authenticates to exchange a code or refresh token: client_secret, or client_assertion with client_assertion_type")
            : null;
    }

    private Reply IssueTokens(OAuthClient client, string userId, IReadOnlyList<string> scopes, string grant, string grantId, DateTimeOffset authTime)
    {
        if (!tenant.Users.TryGetValue(userId, out var user) || user.Status != "active")
        {
            return OAuthErrors.UserDisabled($"the user '{userId}' is disabled or gone");
        }
        var now = tenant.Now;
        var token = new IssuedToken(Ids.TokenId(), Ids.AccessToken(), client.ClientId, grant, user.Id, scopes, now + tenant.TokenLifetime, grantId);
        tenant.Tokens[token.Value] = token;
        var answer = new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = "bearer",
            ["expires_in"] = (int)tenant.TokenLifetime.TotalSeconds,
            ["expires_at"] = JsonBody.Format(token.ExpiresAt),
            ["scope"] = string.Join(' ', scopes),
            ["auth_time"] = authTime.ToUnixTimeSeconds(),
        };
        if (client.Spec.AppType is "web" or "native" && scopes.Contains("offline_access"))
        {
            var refresh = new RefreshGrant(Ids.AccessToken(), grantId, client.ClientId, user.Id, scopes, now + tenant.SignInRules.RefreshTokenLifetime, authTime);
            tenant.SignIn.RefreshTokens[refresh.Value] = refresh;
            answer["refresh_token"] = refresh.Value;
        }
        return Reply.Json(StatusCodes.Status200OK, answer);
    }
}
