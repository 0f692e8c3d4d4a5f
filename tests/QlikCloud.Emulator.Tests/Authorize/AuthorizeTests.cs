using System.Net;
using System.Text.Json.Nodes;

namespace QlikCloud.Emulator.Tests.Authorize;

/// <summary>GET /oauth/authorize and the emulator's sign-in and consent pages (section 8.2).</summary>
public sealed class AuthorizeTests : SignInTestBase
{
    [Fact]
    public async Task AnUnknownClientIsA400WithErrorsAndNoRedirect()
    {
        var response = await BrowseAsync(AuthorizeQuery("0123456789abcdef0123456789abcdef"));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "OAUTH-14", "Invalid client_id", "no OAuth client");
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriIsA400WithErrorsAndNoRedirect()
    {
        var clientId = await CreateSignInClientAsync();
        var response = await BrowseAsync(AuthorizeQuery(clientId, redirect: "http://127.0.0.1:9999/callback"));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "OAUTH-12", "Invalid redirect_uri", "not one of the client's redirectUris");
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task TheLoginHintShortcutSignsTheUserInAndTheCodeActsAsThatUser()
    {
        var clientId = await CreateSignInClientAsync();
        var tokens = await TokensAsync(await ExchangeAsync(clientId, await CodeAsync(clientId)));

        Assert.Equal("bearer", (string?)tokens["token_type"]);
        Assert.Equal("user_default offline_access", (string?)tokens["scope"]);
        Assert.False(string.IsNullOrEmpty((string?)tokens["refresh_token"]));
        Assert.True(tokens["auth_time"]!.GetValue<long>() > 0);
        var me = await JsonAsync(await GetAsync("/api/v1/users/me", (string)tokens["access_token"]!));
        Assert.Equal(EmulatorDefaults.AliceId, (string?)me["id"]);
    }

    [Fact]
    public async Task ACodeIsSingleUse()
    {
        var clientId = await CreateSignInClientAsync();
        var code = await CodeAsync(clientId);
        await TokensAsync(await ExchangeAsync(clientId, code));
        await AssertOAuthErrorAsync(await ExchangeAsync(clientId, code), HttpStatusCode.Unauthorized, "OAUTH-9", "Invalid grant", "already used");
    }

    [Fact]
    public async Task ACodeIsShortLived()
    {
        var clientId = await CreateSignInClientAsync();
        var code = await CodeAsync(clientId);
        Clock.Advance(TimeSpan.FromSeconds(61));
        await AssertOAuthErrorAsync(await ExchangeAsync(clientId, code), HttpStatusCode.Unauthorized, "OAUTH-9", "Invalid grant", "expired");
    }

    [Fact]
    public async Task AWrongVerifierOrRedirectUriIsRefused()
    {
        var clientId = await CreateSignInClientAsync();
        await AssertOAuthErrorAsync(await ExchangeAsync(clientId, await CodeAsync(clientId), verifier: Verifier + "x"), HttpStatusCode.Unauthorized, "OAUTH-9", "Invalid grant", "code_verifier");
        await AssertOAuthErrorAsync(await ExchangeAsync(clientId, await CodeAsync(clientId), redirect: Redirect + "2"), HttpStatusCode.Unauthorized, "OAUTH-9", "Invalid grant", "redirect_uri");
    }

    [Theory]
    [InlineData("plain", "code_challenge_method")]
    [InlineData("S256", "code_challenge is required")]
    public async Task PkceIsRequiredWithS256(string method, string detail)
    {
        var clientId = await CreateSignInClientAsync();
        var query = RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId, method: method, challenge: method == "plain" ? null : "short")));
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("OAUTH-1", query["error_code"]);
        Assert.Contains(detail, query["error_detail"], StringComparison.Ordinal);
        Assert.Equal("state-123", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("anonymous-embed")]
    public async Task AClientWithNoRedirectUriAtAllIsA400UnauthorizedClientAndNoRedirect(string appType)
    {
        // A machine (M2M) web client, or an anonymous-embed client as the console makes it: nothing a person can be sent back to.
        var body = new JsonObject { ["appType"] = appType, ["clientName"] = "machine", ["allowedScopes"] = Strings("user_default") };
        if (appType == "web")
        {
            body["allowedGrantTypes"] = Strings("client_credentials");
        }
        var clientId = (string)(await CreateClientAsync(body))["clientId"]!;
        var response = await BrowseAsync(AuthorizeQuery(clientId, scope: "user_default"));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "OAUTH-4", "Unauthorized client", "has no redirectUris");
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task TheSignInAndConsentPagesLetAPersonDenyAccess()
    {
        var clientId = await CreateSignInClientAsync(trusted: false);
        var signInPage = await BrowseAsync(AuthorizeQuery(clientId, loginHint: null));
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        Assert.Equal("text/html", signInPage.Content.Headers.ContentType?.MediaType);
        var signIn = SignInId(await signInPage.Content.ReadAsStringAsync());

        var consentPage = await PostFormAsync("/oauth/authorize/sign-in", ("signin", signIn), ("email", EmulatorDefaults.BobEmail));
        var consent = await consentPage.Content.ReadAsStringAsync();
        Assert.Contains("offline_access", consent, StringComparison.Ordinal);
        Assert.Contains("Bob", consent, StringComparison.Ordinal);

        var query = RedirectedQuery(await PostFormAsync("/oauth/authorize/consent", ("signin", signIn), ("decision", "deny")));
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("OAUTH-10", query["error_code"]);
        Assert.Contains("denied", query["error_detail"], StringComparison.Ordinal);
        Assert.Equal("state-123", query["state"]);
    }

    [Fact]
    public async Task AllowingConsentIssuesACodeAndIsNotAskedAgain()
    {
        var clientId = await CreateSignInClientAsync(trusted: false);
        var signIn = SignInId(await (await BrowseAsync(AuthorizeQuery(clientId, loginHint: null))).Content.ReadAsStringAsync());
        await PostFormAsync("/oauth/authorize/sign-in", ("signin", signIn), ("email", EmulatorDefaults.BobEmail));
        var query = RedirectedQuery(await PostFormAsync("/oauth/authorize/consent", ("signin", signIn), ("decision", "allow")));
        var me = await JsonAsync(await GetAsync("/api/v1/users/me", (string)(await TokensAsync(await ExchangeAsync(clientId, query["code"])))["access_token"]!));
        Assert.Equal(EmulatorDefaults.BobId, (string?)me["id"]);

        // The approval stands: Bob's next sign-in goes straight back with a code.
        var again = SignInId(await (await BrowseAsync(AuthorizeQuery(clientId, loginHint: null))).Content.ReadAsStringAsync());
        Assert.True(RedirectedQuery(await PostFormAsync("/oauth/authorize/sign-in", ("signin", again), ("email", EmulatorDefaults.BobEmail))).ContainsKey("code"));
    }

    [Fact]
    public async Task TheShortcutDeniesConsentWhenATestSaysSo()
    {
        var clientId = await CreateSignInClientAsync(trusted: false);
        Emulator.SetSignInConsentAnswer(allow: false);
        Assert.Equal("access_denied", RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId)))["error"]);
        Emulator.Reset();
        clientId = await CreateSignInClientAsync(trusted: false);
        Assert.True(RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId))).ContainsKey("code"));
    }

    [Fact]
    public async Task ADisabledUserIsTurnedAway()
    {
        var clientId = await CreateSignInClientAsync();
        var query = RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId, loginHint: EmulatorDefaults.DisabledEmail)));
        Assert.Equal(("access_denied", "OAUTH-8"), (query["error"], query["error_code"]));
    }

    [Fact]
    public async Task AScopeTheClientDoesNotAllowIsInvalidScope()
    {
        var clientId = await CreateSignInClientAsync();
        var query = RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId, scope: "user_default admin_classic")));
        Assert.Equal(("invalid_scope", "OAUTH-6"), (query["error"], query["error_code"]));
    }

    private static string SignInId(string html)
    {
        const string marker = "name=\"signin\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        Assert.True(start >= marker.Length, html);
        return html[start..html.IndexOf('"', start)];
    }
}
