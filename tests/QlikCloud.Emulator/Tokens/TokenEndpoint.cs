using System.Text.Json.Nodes;
using QlikCloud.Emulator.Authorize;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// <c>POST /oauth/token</c> for client_credentials and user impersonation (a person's grants: see SignInGrants). The checks run in the order a client
/// can fix them: request shape, client identity, credentials, grant, consent, scope, user.
/// </summary>
internal sealed class TokenEndpoint(Tenant tenant)
{
    private readonly SignInGrants _signIn = new(tenant);

    public IEnumerable<ApiRoute> Routes => [new("POST", "/oauth/token", Access.Anonymous, Issue)];

    private Reply Issue(ApiRequest request)
    {
        if (!TokenParameters.TryParse(request.Http.Request.ContentType, request.Body, out var parameters, out var error))
        {
            return OAuthErrors.InvalidRequest(error);
        }
        var grant = parameters["grant_type"];
        if (grant is null)
        {
            return OAuthErrors.InvalidRequest("grant_type is required");
        }
        if (TokenGrants.SignIn.Contains(grant))
        {
            return _signIn.Issue(request, grant, parameters);
        }
        if (!TokenGrants.All.Contains(grant))
        {
            return OAuthErrors.UnsupportedGrantType($"grant_type '{grant}' is not supported; use {string.Join(" or ", TokenGrants.All.Concat(TokenGrants.SignIn))}");
        }
        if (UserLookupError(grant, parameters) is { } lookupError)
        {
            return lookupError;
        }
        // Fetched before taking the lock: handlers never wait on the network under it.
        var fetchedKeys = JwksFetcher.KeysFor(tenant, parameters, out var fetchFailure);
        if (fetchFailure is not null)
        {
            return OAuthErrors.InvalidClientCredentials(fetchFailure);
        }
        lock (tenant.Gate)
        {
            if (ClientAuthenticator.Authenticate(tenant, parameters, $"{request.Origin}/oauth/token", out var client, fetchedKeys) is { } authError)
            {
                return authError;
            }
            if (!client.Spec.AllowedGrantTypes.Contains(grant))
            {
                return OAuthErrors.UnauthorizedGrantType($"the client does not allow the grant '{grant}'");
            }
            var consentMethod = tenant.ConnectionOf(client).ConsentMethod;
            if (tenant.RequireTrustedConsent && consentMethod != "trusted")
            {
                return OAuthErrors.ConsentRequired($"the client's consent method is '{consentMethod}'; set it to trusted (connection-configs/me)");
            }
            var scopes = GrantedScopes(client, parameters["scope"], out var scopeError);
            if (scopes is null)
            {
                return scopeError!;
            }
            if (grant == TokenGrants.ClientCredentials)
            {
                return IssueToken(client, grant, BotUser(client), scopes);
            }
            var user = ImpersonatedUser(parameters.UserLookup!, out var userError);
            return user is null ? userError! : IssueToken(client, grant, user, scopes);
        }
    }

    private static Reply? UserLookupError(string grant, TokenParameters parameters)
    {
        if (grant == TokenGrants.ClientCredentials)
        {
            return parameters.UserLookup is null ? null : OAuthErrors.InvalidRequest("user_lookup belongs to the user-impersonation grant, not client_credentials");
        }
        if (parameters.UserLookup is not { } lookup)
        {
            return OAuthErrors.InvalidRequest("user_lookup {\"field\": \"subject\"|\"userId\", \"value\"} is required for user impersonation (JSON body)");
        }
        if (JsonBody.AsString(lookup["field"]) is not ("subject" or "userId"))
        {
            return OAuthErrors.InvalidRequest("user_lookup.field must be \"subject\" or \"userId\"");
        }
        return string.IsNullOrEmpty(JsonBody.AsString(lookup["value"])) ? OAuthErrors.InvalidRequest("user_lookup.value is required (a string)") : null;
    }

    /// <summary>Space-separated scopes, each within allowedScopes; omitted means all the client's scopes. A comma is part of a scope name, so "a,b" is one unknown scope.</summary>
    private static List<string>? GrantedScopes(OAuthClient client, string? requested, out Reply? error)
    {
        error = null;
        if (requested is null)
        {
            return [.. client.Spec.AllowedScopes];
        }
        var scopes = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (scopes.Count == 0)
        {
            error = OAuthErrors.InvalidScope("scope names no scope");
            return null;
        }
        var unknown = scopes.FirstOrDefault(s => !client.Spec.AllowedScopes.Contains(s));
        if (unknown is not null)
        {
            error = OAuthErrors.InvalidScope($"scope '{unknown}' is not in the client's allowedScopes ({string.Join(" ", client.Spec.AllowedScopes)})");
            return null;
        }
        return scopes;
    }

    /// <summary>The client's bot user on this tenant, created with its first client_credentials token here, as Qlik does.</summary>
    private EmulatorUser BotUser(OAuthClient client)
    {
        var connection = tenant.ConnectionOf(client);
        if (connection.BotUserId is { } id && tenant.Users.TryGetValue(id, out var existing))
        {
            return existing;
        }
        var bot = new EmulatorUser
        {
            Id = Ids.UserId(), Subject = $"qlikbot\\{client.ClientId}", Name = client.Spec.ClientName,
            Status = "active", Roles = [EmulatorDefaults.TenantAdminRole],
        };
        tenant.Users[bot.Id] = bot;
        connection.BotUserId = bot.Id;
        return bot;
    }

    private EmulatorUser? ImpersonatedUser(JsonObject lookup, out Reply? error)
    {
        error = null;
        var field = JsonBody.AsString(lookup["field"]);
        var value = JsonBody.AsString(lookup["value"]);
        var user = field == "userId"
            ? tenant.Users.GetValueOrDefault(value!)
            : tenant.Users.Values.FirstOrDefault(u => u.Subject == value);
        if (user is null)
        {
            error = OAuthErrors.UserNotFound($"no user has {field} '{value}'");
            return null;
        }
        if (user.Status != "active")
        {
            error = OAuthErrors.UserDisabled($"the user '{user.Id}' is {user.Status}");
            return null;
        }
        return user;
    }

    private Reply IssueToken(OAuthClient client, string grant, EmulatorUser user, List<string> scopes)
    {
        var expiresAt = tenant.Now + tenant.TokenLifetime;
        var token = new IssuedToken(Ids.TokenId(), Ids.AccessToken(), client.ClientId, grant, user.Id, scopes, expiresAt);
        tenant.Tokens[token.Value] = token;
        return Reply.Json(StatusCodes.Status200OK, new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = "bearer",
            ["expires_in"] = (int)tenant.TokenLifetime.TotalSeconds,
            ["expires_at"] = JsonBody.Format(expiresAt),
            ["scope"] = string.Join(' ', scopes),
        });
    }
}
