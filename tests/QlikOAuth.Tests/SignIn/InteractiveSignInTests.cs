using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.SignIn;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.TestSupport;

namespace QlikOAuth.Tests.SignIn;

public sealed class InteractiveSignInTests : SignInFixture
{
    [Fact]
    public async Task APersonSignsInAndTheSessionActsAsThem()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);

        using TenantSession session = await TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(), HttpOptions, null, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AliceId, session.User.Id);
        var token = Assert.IsType<SignedInCredential>(session.Credential);
        Assert.True(token.CanRefresh);
        RecordedRequestAssert(Emulator.Requests.Single(r => r.Path == "/oauth/token"), "\"grant_type\":\"authorization_code\"", "\"code_verifier\":");
        Assert.Contains(Emulator.Requests, r => r.Path == "/oauth/authorize" && r.Query.Contains("code_challenge_method=S256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedTokenIsRenewedOnceWithTheRefreshTokenAndDisconnectRevokesIt()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        TenantSession session = await TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(), HttpOptions, null, CancellationToken.None);

        Emulator.InvalidateAllTokens();
        var me = await Engine.Users.UsersApi.GetMeAsync(session.Connection, session.Credential, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AliceId, me.Id);
        RecordedRequestAssert(Emulator.Requests.Single(r => r.Path == "/oauth/token" && r.Body.Contains("refresh_token\"", StringComparison.Ordinal) && r.Body.Contains("\"grant_type\":\"refresh_token\"", StringComparison.Ordinal)));

        await session.DisconnectAsync(CancellationToken.None);
        var revoke = Emulator.Requests.Single(r => r.Path == "/oauth/revoke");
        string refreshToken = JsonNode.Parse(revoke.Body)!["token"]!.GetValue<string>();
        using var http = new HttpClient();
        using HttpResponseMessage refused = await http.PostAsJsonAsync(new Uri(Emulator.BaseUrl, "/oauth/token"), new { grant_type = "refresh_token", refresh_token = refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ATokenCloseToExpiryIsRenewedBeforeUse()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        using TenantSession session = await TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(), HttpOptions, null, CancellationToken.None);
        var person = (SignedInCredential)session.Credential;
        AccessToken before = await person.GetTokenAsync(session.Connection, refresh: false, CancellationToken.None);

        // The emulator's tokens live 6 h: a margin wider than that makes this token due for renewal now.
        person.RenewalMargin = TimeSpan.FromHours(7);
        AccessToken after = await person.GetTokenAsync(session.Connection, refresh: false, CancellationToken.None);

        Assert.NotEqual(before.Value, after.Value);
        Assert.Equal("refresh_token", after.GrantType);
    }

    [Fact]
    public async Task ARefusedRefreshTokenIsDroppedAndSaysSignInAgain()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        using TenantSession session = await TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(), HttpOptions, null, CancellationToken.None);
        var person = (SignedInCredential)session.Credential;
        using (var http = new HttpClient { BaseAddress = Emulator.BaseUrl })
        {
            // The client is deleted: the tenant refuses its refresh token with a 401, which section 8.2 says to drop.
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Emulator.AdminApiKey);
            http.DefaultRequestHeaders.Add("qlik-confirm-delete", clientId);
            (await http.DeleteAsync($"/api/v1/oauth-clients/{clientId}")).EnsureSuccessStatusCode();
        }

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => person.GetTokenAsync(session.Connection, refresh: true, CancellationToken.None));

        Assert.Equal("SignIn.Expired", error.ErrorId);
        Assert.False(person.CanRefresh);
        Assert.IsType<QlikTokenException>(error.InnerException);
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriFailsBeforeAnyBrowserOpens()
    {
        string registered = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(registered);

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, FreeLoopbackRedirect()), Curl(), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.RedirectUriNotRegistered", error.ErrorId);
        Assert.False(File.Exists(BrowserRanMarker));
    }

    [Theory]
    [InlineData("http://example.com:8080/callback")]
    [InlineData("https://127.0.0.1:8080/callback")]
    [InlineData("http://127.0.0.1/callback")]
    [InlineData("not a uri")]
    public void ARedirectUriThatIsNotLoopbackIsRefused(string redirect)
    {
        var error = Assert.Throws<QlikOAuthException>(() => LoopbackRedirect.Parse(redirect));
        Assert.Equal("SignIn.RedirectUriNotLoopback", error.ErrorId);
    }

    [Fact]
    public async Task ABrowserThatCannotBeOpenedFailsAtOnce()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(
            Emulator.BaseUrl, Request(clientId, redirect), new SystemBrowser("/nonexistent/browser"), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.BrowserNotOpened", error.ErrorId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ABrowserThatExitsWithAFailureFailsAtOnce()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(
            Emulator.BaseUrl, Request(clientId, redirect), new SystemBrowser("false"), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.BrowserNotOpened", error.ErrorId);
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignInNotFinishedInTimeFailsAndSaysTheTimeout()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        SignInRequest request = Request(clientId, redirect);
        request.Timeout = TimeSpan.FromSeconds(2);

        // "true" starts and ends well, but never visits the page: nobody signs in.
        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(Emulator.BaseUrl, request, new SystemBrowser("true"), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.TimedOut", error.ErrorId);
        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingStopsTheWait()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), new SystemBrowser("true"), HttpOptions, null, cancel.Token));

        // The port is free again: the listener stopped with the wait.
        var again = new System.Net.Sockets.TcpListener(IPAddress.Loopback, new Uri(redirect).Port);
        again.Start();
        again.Stop();
    }

    /// <summary>
    /// A browser's speculative preconnects open connections that send nothing, before the redirect comes. Each is allowed
    /// 10 s to send its request; served one after the other, they would hold the redirect up for as long.
    /// </summary>
    [Fact]
    public async Task IdleConnectionsDoNotDelayTheRedirect()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        Task<TenantSession> signingIn = TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(waitForGo: true), HttpOptions, null, CancellationToken.None);
        TcpClient[] idle = await Preconnect.OpenIdleAsync(new Uri(redirect).Port, 2);
        try
        {
            var watch = Stopwatch.StartNew();
            File.WriteAllText(BrowserGoMarker, string.Empty);
            using TenantSession session = await signingIn;

            Assert.Equal(EmulatorDefaults.AliceId, session.User.Id);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the sign-in took {watch.Elapsed.TotalSeconds:0.0} s after the browser went on: its redirect waited behind the idle connections");
        }
        finally
        {
            Array.ForEach(idle, connection => connection.Dispose());
        }
    }

    [Fact]
    public async Task CancellingWithAnIdleConnectionOpenStopsTheWaitAtOnce()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect);
        using var cancel = new CancellationTokenSource();
        Task<TenantSession> signingIn = TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(waitForGo: true), HttpOptions, null, cancel.Token);
        TcpClient[] idle = await Preconnect.OpenIdleAsync(new Uri(redirect).Port, 1);
        try
        {
            await Preconnect.WaitForBrowserAsync(BrowserRanMarker);
            await Task.Delay(200); // the module is past opening the browser, waiting for the answer
            var watch = Stopwatch.StartNew();

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signingIn);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the wait went on for {watch.Elapsed.TotalSeconds:0.0} s after cancellation, behind the idle connection");
        }
        finally
        {
            Array.ForEach(idle, connection => connection.Dispose());
            File.WriteAllText(BrowserGoMarker, string.Empty); // the waiting browser script ends
        }
    }

    [Fact]
    public async Task ADeniedConsentNamesTheReason()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect, trusted: false);
        Emulator.SetSignInConsentAnswer(allow: false);

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.ConsentDenied", error.ErrorId);
        Assert.Contains("OAUTH-10", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A machine (M2M) web client, or an anonymous embed (which holds no redirect URI): nobody can sign in with either.</summary>
    [Theory]
    [InlineData("web", "client_credentials")]
    [InlineData("anonymous-embed", null)]
    public async Task AClientWithoutRedirectUrisIsTheWrongClientTypeBeforeAnyBrowserOpens(string appType, string? grant)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Emulator.AdminApiKey);
        var body = new JsonObject
        {
            ["appType"] = appType,
            ["clientName"] = "cannot sign in",
            ["allowedScopes"] = new JsonArray("user_default"),
        };
        if (grant != null)
        {
            body["allowedGrantTypes"] = new JsonArray(grant);
        }

        using HttpResponseMessage created = await http.PostAsJsonAsync("/api/v1/oauth-clients", body);
        created.EnsureSuccessStatusCode();
        string clientId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["clientId"]!.GetValue<string>();

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, FreeLoopbackRedirect()), Curl(), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.WrongClientType", error.ErrorId);
        Assert.False(File.Exists(BrowserRanMarker));
    }

    [Fact]
    public async Task AWebClientSendsItsSecretWithTheCode()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, string? secret) = await CreateSignInClientAsync(redirect, appType: "web");
        SignInRequest request = Request(clientId, redirect);
        request.Client = new ClientSecretAuthentication(clientId, new NetworkCredential(string.Empty, secret).SecurePassword);

        using TenantSession session = await TenantSession.SignInAsync(Emulator.BaseUrl, request, Curl(), HttpOptions, null, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AliceId, session.User.Id);
        RecordedRequestAssert(Emulator.Requests.Single(r => r.Path == "/oauth/token"), "\"client_secret\":");
    }

    [Fact]
    public async Task AWebClientSignsInWithItsKeyAndRenewsWithAFreshAssertion()
    {
        string redirect = FreeLoopbackRedirect();
        SigningKey key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "sign-in-key");
        (string clientId, _) = await CreateSignInClientAsync(redirect, appType: "web", publicKey: key.PublicJwk.ToDictionary());
        SignInRequest request = Request(clientId, redirect);
        request.Client = new PrivateKeyJwtAuthentication(clientId, key);

        using TenantSession session = await TenantSession.SignInAsync(Emulator.BaseUrl, request, Curl(), HttpOptions, null, CancellationToken.None);
        var person = (SignedInCredential)session.Credential;
        AccessToken renewed = await person.GetTokenAsync(session.Connection, refresh: true, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AliceId, session.User.Id);
        Assert.Equal("refresh_token", renewed.GrantType);
        var tokenCalls = Emulator.Requests.Where(r => r.Path == "/oauth/token").ToList();
        Assert.Equal(2, tokenCalls.Count);
        Assert.All(tokenCalls, call => RecordedRequestAssert(call, "\"client_assertion\":", "\"client_assertion_type\":"));
        Assert.NotEqual(JsonNode.Parse(tokenCalls[0].Body)!["client_assertion"]!.GetValue<string>(), JsonNode.Parse(tokenCalls[1].Body)!["client_assertion"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWebClientWithoutItsSecretOrKeyIsToldToGiveIt()
    {
        string redirect = FreeLoopbackRedirect();
        (string clientId, _) = await CreateSignInClientAsync(redirect, appType: "web");

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => TenantSession.SignInAsync(Emulator.BaseUrl, Request(clientId, redirect), Curl(), HttpOptions, null, CancellationToken.None));

        Assert.Equal("SignIn.ClientCredentialRequired", error.ErrorId);
        Assert.Contains("-PrivateKeyPath", error.Message, StringComparison.Ordinal);
    }

    private static void RecordedRequestAssert(RecordedRequest request, params string[] bodyHas)
    {
        Assert.Equal(200, request.Status);
        foreach (string text in bodyHas)
        {
            Assert.Contains(text, request.Body, StringComparison.Ordinal);
        }
    }
}
