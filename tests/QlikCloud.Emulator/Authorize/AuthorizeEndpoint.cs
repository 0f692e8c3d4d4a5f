using Microsoft.AspNetCore.WebUtilities;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Authorize;

/// <summary>
/// <c>GET /oauth/authorize</c> as section 8.2 has it, and the emulator's own identity-provider pages behind it: the sign-in
/// form, then the consent screen for clients whose consent is <c>required</c> (trusted skips it; scopes a person already
/// approved are not asked again). The answer is a redirect to the app with <c>code</c> and <c>state</c>, or with
/// <c>error</c>, <c>error_code</c> and <c>error_detail</c>; an unknown client or an unregistered redirect URI is a 400 with
/// <c>errors[]</c>, as the browser must never be sent to an address the client did not register.
/// With <paramref name="loginHintSignsIn"/> (test controls), a login_hint naming a user signs that user in at once and
/// answers the consent screen (Allow unless a test set Deny): a person with an identity-provider session who clicks Allow.
/// </summary>
internal sealed class AuthorizeEndpoint(Tenant tenant, bool loginHintSignsIn)
{
    private static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(10);
    private static readonly string[] Prompts = ["none", "login", "consent"];

    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", "/oauth/authorize", Access.Anonymous, Authorize),
        new("POST", "/oauth/authorize/sign-in", Access.Anonymous, SignIn),
        new("POST", "/oauth/authorize/consent", Access.Anonymous, Consent),
    ];

    private Reply Authorize(ApiRequest request)
    {
        var clientId = request.Query("client_id");
        var redirectUri = request.Query("redirect_uri");
        lock (tenant.Gate)
        {
            if (clientId is null || tenant.FindClient(clientId) is not { } client)
            {
                return SignInErrors.UnknownClient(clientId is null ? "client_id is required" : $"no OAuth client has client_id '{clientId}'");
            }
            if (redirectUri is null)
            {
                return SignInErrors.UnregisteredRedirect("redirect_uri is required");
            }
            if (client.Spec.RedirectUris.Count == 0)
            {
                return SignInErrors.CannotSignIn($"the {client.Spec.AppType} client has no redirectUris, so it cannot sign people in (a machine client, or an anonymous-embed client)");
            }
            if (!RedirectUris.IsRegistered(client.Spec.RedirectUris, redirectUri, tenant.SignInRules.AcceptAnyLoopbackPort))
            {
                return SignInErrors.UnregisteredRedirect($"redirect_uri '{redirectUri}' is not one of the client's redirectUris (the match is exact)");
            }
            // From here on the redirect URI is trusted: errors go back to the app.
            var state = request.Query("state");
            var prompt = request.Query("prompt");
            if (Refusal(request, client, state, prompt) is { } refusal)
            {
                return SignInErrors.Redirect(redirectUri, refusal.Reason, refusal.Detail, state);
            }
            var scopes = RequestedScopes(client, request.Query("scope")!, out var scopeError);
            if (scopes is null)
            {
                return SignInErrors.Redirect(redirectUri, SignInErrors.InvalidScope, scopeError, state);
            }
            var pending = new PendingSignIn(Ids.TokenId(), client.ClientId, redirectUri, scopes, state!, request.Query("code_challenge")!, prompt, tenant.Now + SignInLifetime);
            tenant.SignIn.Pending[pending.Id] = pending;
            var hint = request.Query("login_hint");
            if (loginHintSignsIn && prompt != "login" && hint is not null && UserNamed(hint) is { } user)
            {
                return SignedIn(pending, client, user, shortcut: true);
            }
            if (prompt == "none")
            {
                tenant.SignIn.Pending.Remove(pending.Id);
                return SignInErrors.Redirect(redirectUri, SignInErrors.LoginRequired, "prompt=none, and nobody is signed in", state);
            }
            return Reply.Page(SignInPages.SignIn(pending, client.Spec.ClientName, hint, null));
        }
    }

    /// <summary>The sign-in form: an email of an active user of the tenant (no password: this is a test identity provider).</summary>
    private Reply SignIn(ApiRequest request)
    {
        var form = QueryHelpers.ParseQuery(request.Body);
        lock (tenant.Gate)
        {
            if (Pending(form) is not { } pending || tenant.FindClient(pending.ClientId) is not { } client)
            {
                return SignInErrors.UnknownSignIn();
            }
            var email = form.TryGetValue("email", out var given) ? given.ToString() : "";
            return UserNamed(email) is { } user
                ? SignedIn(pending, client, user, shortcut: false)
                : Reply.Page(SignInPages.SignIn(pending, client.Spec.ClientName, email, $"No single user of this tenant has the email '{email}'."));
        }
    }

    /// <summary>The consent screen's answer: Allow records the approval and issues the code; Deny sends access_denied back.</summary>
    private Reply Consent(ApiRequest request)
    {
        var form = QueryHelpers.ParseQuery(request.Body);
        lock (tenant.Gate)
        {
            if (Pending(form) is not { UserId: not null } pending || tenant.FindClient(pending.ClientId) is null)
            {
                return SignInErrors.UnknownSignIn();
            }
            return Decide(pending, allow: form.TryGetValue("decision", out var decision) && decision == "allow");
        }
    }

    private Reply SignedIn(PendingSignIn pending, OAuthClient client, EmulatorUser user, bool shortcut)
    {
        if (user.Status != "active")
        {
            tenant.SignIn.Pending.Remove(pending.Id);
            return SignInErrors.Redirect(pending.RedirectUri, SignInErrors.UserDisabled, $"the user '{user.Id}' is {user.Status}", pending.State);
        }
        pending.UserId = user.Id;
        var approved = pending.Scopes.All(scope => tenant.SignIn.Approvals.Contains((user.Id, client.ClientId, scope)));
        if (tenant.ConnectionOf(client).ConsentMethod == "trusted" || (approved && pending.Prompt != "consent"))
        {
            return IssueCode(pending);
        }
        if (pending.Prompt == "none")
        {
            tenant.SignIn.Pending.Remove(pending.Id);
            return SignInErrors.Redirect(pending.RedirectUri, SignInErrors.ConsentRequired, "prompt=none, and the user has not approved these scopes", pending.State);
        }
        return shortcut
            ? Decide(pending, tenant.SignIn.ShortcutAllowsConsent)
            : Reply.Page(SignInPages.Consent(pending, client.Spec.ClientName, user));
    }

    private Reply Decide(PendingSignIn pending, bool allow)
    {
        if (!allow)
        {
            tenant.SignIn.Pending.Remove(pending.Id);
            return SignInErrors.Redirect(pending.RedirectUri, SignInErrors.AccessDenied, "the user denied the client access (consent)", pending.State);
        }
        foreach (var scope in pending.Scopes)
        {
            tenant.SignIn.Approvals.Add((pending.UserId!, pending.ClientId, scope));
        }
        return IssueCode(pending);
    }

    private Reply IssueCode(PendingSignIn pending)
    {
        tenant.SignIn.Pending.Remove(pending.Id);
        var code = new AuthorizationCode(Ids.AccessToken(), pending.ClientId, pending.RedirectUri, pending.UserId!, pending.Scopes,
            pending.CodeChallenge, tenant.Now + tenant.SignInRules.CodeLifetime, tenant.Now);
        tenant.SignIn.Codes[code.Value] = code;
        return Reply.Redirect(RedirectUris.With(pending.RedirectUri, ("code", code.Value), ("state", pending.State)));
    }

    /// <summary>The first rule of section 8.2 the request breaks (sent back to the app), or null.</summary>
    private static ((string Error, string Code) Reason, string Detail)? Refusal(ApiRequest request, OAuthClient client, string? state, string? prompt)
    {
        if (request.Query("response_type") != "code")
        {
            return (SignInErrors.UnsupportedResponseType, "response_type must be 'code'");
        }
        if (state is null)
        {
            return (SignInErrors.InvalidRequest, "state is required");
        }
        if (request.Query("code_challenge_method") != "S256")
        {
            return (SignInErrors.InvalidRequest, "code_challenge_method is required and must be S256");
        }
        if (request.Query("code_challenge") is not { Length: 43 } challenge || !challenge.All(Pkce.IsBase64UrlChar))
        {
            return (SignInErrors.InvalidRequest, "code_challenge is required: the unpadded base64url SHA-256 of the code_verifier (43 characters)");
        }
        if (request.Query("scope") is null)
        {
            return (SignInErrors.InvalidRequest, "scope is required (space separated; empty asks for every scope the client allows)");
        }
        if (prompt is not null && !Prompts.Contains(prompt))
        {
            return (SignInErrors.InvalidRequest, "prompt must be none, login or consent");
        }
        if (request.Query("max_age") is { } maxAge && !(int.TryParse(maxAge, out var seconds) && seconds >= 0))
        {
            return (SignInErrors.InvalidRequest, "max_age must be a whole number of seconds");
        }
        return null;
    }

    /// <summary>Space separated, each allowed on the client. Empty: every allowed scope except offline_access, which comes only when asked for.</summary>
    private static List<string>? RequestedScopes(OAuthClient client, string requested, out string error)
    {
        error = "";
        var scopes = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (scopes.Count == 0)
        {
            return [.. client.Spec.AllowedScopes.Where(scope => scope != "offline_access")];
        }
        var unknown = scopes.FirstOrDefault(scope => !client.Spec.AllowedScopes.Contains(scope));
        if (unknown is not null)
        {
            error = $"scope '{unknown}' is not in the client's allowedScopes ({string.Join(" ", client.Spec.AllowedScopes)})";
            return null;
        }
        return scopes;
    }

    /// <summary>The one user whose email (case-insensitive) or subject is <paramref name="name"/>, or null.</summary>
    private EmulatorUser? UserNamed(string name)
    {
        var matches = tenant.Users.Values.Where(u => string.Equals(u.Email, name, StringComparison.OrdinalIgnoreCase) || u.Subject == name).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private PendingSignIn? Pending(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        if (!form.TryGetValue("signin", out var id) || !tenant.SignIn.Pending.TryGetValue(id.ToString(), out var pending))
        {
            return null;
        }
        if (pending.ExpiresAt > tenant.Now)
        {
            return pending;
        }
        tenant.SignIn.Pending.Remove(pending.Id);
        return null;
    }
}
