using System.Buffers.Text;
using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;
using QlikOAuth.TestSupport;

namespace QlikOAuth.Runspace.Tests.Browser;

/// <summary>
/// Connect-QlikTenant -Interactive end to end: real PowerShell, and Debian's headless Chromium named by $env:BROWSER
/// through a small wrapper script (test infrastructure: it adds the flags a headless run needs). The emulator's
/// login_hint shortcut stands in for a person with an identity-provider session who clicks Allow.
/// $env:BROWSER is process-wide, so every test that sets it lives in this one class (xunit runs a class's tests in turn).
/// </summary>
public sealed class SignInBrowserTests : TenantTestBase, IDisposable
{
    private const string ConnectType = "QlikOAuth.Commands.ConnectQlikTenantCommand";
    private readonly string _folder = Directory.CreateTempSubdirectory("qlikoauth-signin-").FullName;
    private readonly string _redirect = FreeLoopbackRedirect();

    /// <summary>
    /// A short access token lifetime (inside the renewal margin): every use after sign-in renews it first. The unconfirmed
    /// rule that a web client authenticates on the code exchange and each refresh is on, so its secret or assertion is
    /// really checked (native clients send none either way).
    /// </summary>
    protected override void Configure(EmulatorOptions options)
    {
        options.TokenLifetimeSeconds = 120;
        options.RequireWebClientAuthOnCodeExchange = true;
    }

    private string BrowserRan => Path.Combine(_folder, "browser-ran");

    [BrowserFact]
    public async Task APersonSignsInInChromiumTheSessionActsAsThemRenewsAndDisconnectRevokes()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser(ChromiumWrapper());

        RunResult result = Shell.Run($$"""
            $s = Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{{clientId}}' -Interactive -RedirectUri '{{_redirect}}' -LoginHint '{{EmulatorDefaults.AliceEmail}}' -TimeoutSec 120
            $s.AuthenticationType
            $s.UserId
            (Invoke-QlikRestMethod /api/v1/users/me).id
            (Get-QlikAccessToken -Session $s -AsPlainText).GrantType
            Disconnect-QlikTenant -Session $s
            """);

        result.AssertNoErrors();
        Assert.Equal(["Interactive", EmulatorDefaults.AliceId, EmulatorDefaults.AliceId, "refresh_token"], result.Output.Select(o => o.BaseObject.ToString()));
        Assert.Contains(Emulator.Requests, r => r.Path == "/oauth/token" && r.Body.Contains("\"grant_type\":\"refresh_token\"", StringComparison.Ordinal));
        string refreshToken = JsonNode.Parse(Emulator.Requests.Single(r => r.Path == "/oauth/revoke").Body)!["token"]!.GetValue<string>();
        Assert.DoesNotContain(refreshToken, result.AllText());
        using var http = new HttpClient();
        using HttpResponseMessage refused = await http.PostAsJsonAsync(new Uri(Emulator.BaseUrl, "/oauth/token"), new { grant_type = "refresh_token", refresh_token = refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>-MaxRateLimitWaitSec holds for a session a person signed in to, as for any other (RateLimitWaitTests).</summary>
    [BrowserFact]
    public async Task ASignedInSessionWaitsForTheRateLimitNoLongerThanMaxRateLimitWaitSec()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser(ChromiumWrapper());
        Shell.Run($"Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -Interactive -RedirectUri '{_redirect}' -LoginHint '{EmulatorDefaults.AliceEmail}' -TimeoutSec 120 -MaxRateLimitWaitSec 0 | Out-Null").AssertNoErrors();
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 429, RetryAfterSeconds = 1 });

        RunResult result = Shell.Run("Invoke-QlikRestMethod /api/v1/users/me");

        ErrorRecord error = result.Terminating?.ErrorRecord ?? Assert.Single(result.Errors);
        Assert.StartsWith("QlikApi.RateLimited,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("waited 0 s in all", error.Exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Idle connections opened before the redirect, as a browser's speculative preconnects: the listener allows each 10 s
    /// to send its request, and Chromium's redirect must not wait behind them. Timed by the tenant, from sending the
    /// browser back to the loopback to the module exchanging the code, so Chromium's own start does not count.
    /// </summary>
    [BrowserFact]
    public async Task IdleConnectionsOpenBeforeTheRedirectDoNotDelayTheSignIn()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        string go = Path.Combine(_folder, "browser-go");
        UseBrowser(ChromiumWrapper(waitFor: go));

        Task<RunResult> connecting = Task.Run(() => Shell.Run($"(Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -Interactive -RedirectUri '{_redirect}' -LoginHint '{EmulatorDefaults.AliceEmail}' -TimeoutSec 120).UserId"));
        TcpClient[] idle = await Preconnect.OpenIdleAsync(new Uri(_redirect).Port, 2);
        RunResult result;
        try
        {
            File.WriteAllText(go, string.Empty);
            result = await connecting.WaitAsync(TimeSpan.FromSeconds(150));
        }
        finally
        {
            Array.ForEach(idle, connection => connection.Dispose());
        }

        result.AssertNoErrors();
        Assert.Equal(EmulatorDefaults.AliceId, Assert.Single(result.Output).BaseObject);
        RecordedRequest sentBack = Emulator.Requests.Single(r => r.Path == "/oauth/authorize" && r.Query.Contains("login_hint=", StringComparison.Ordinal));
        RecordedRequest exchange = Emulator.Requests.Single(r => r.Path == "/oauth/token" && r.Body.Contains("\"grant_type\":\"authorization_code\"", StringComparison.Ordinal));
        TimeSpan delay = exchange.At - sentBack.At;
        Assert.True(delay < TimeSpan.FromSeconds(5), $"the code was exchanged {delay.TotalSeconds:0.0} s after the tenant sent Chromium back: its redirect waited behind the idle connections");
    }

    [BrowserFact]
    public async Task ADeniedConsentFailsWithItsOwnId()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect, trusted: false);
        Emulator.SetSignInConsentAnswer(allow: false);
        UseBrowser(ChromiumWrapper());

        ErrorRecord error = ConnectFails(clientId, _redirect);

        Assert.Equal($"SignIn.ConsentDenied,{ConnectType}", error.FullyQualifiedErrorId);
        Assert.Null(Shell.GetVariable("QlikOAuthDefaultSession"));
    }

    [Fact]
    public async Task AMachineClientFailsAsTheWrongClientTypeBeforeTheBrowserOpens()
    {
        EmulatorRest.Client machine = await EmulatorRest.CreateAdminClientAsync(Emulator, "machine");
        UseBrowser(MarkerBrowser());

        ErrorRecord error = ConnectFails(machine.ClientId, _redirect);

        Assert.Equal($"SignIn.WrongClientType,{ConnectType}", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(BrowserRan));
    }

    /// <summary>An anonymous embed signs no one in, so it holds no redirect URI (section 8.1): the tenant refuses it before any browser opens.</summary>
    [Fact]
    public async Task AnAnonymousEmbedClientFailsAsTheWrongClientTypeBeforeTheBrowserOpens()
    {
        string clientId = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, "anonymous-embed", "embed");
        UseBrowser(MarkerBrowser());

        ErrorRecord error = ConnectFails(clientId, _redirect);

        Assert.Equal($"SignIn.WrongClientType,{ConnectType}", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(BrowserRan));
    }

    [Fact]
    public async Task AnUnregisteredRedirectUriFailsBeforeTheBrowserOpens()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser(MarkerBrowser());

        ErrorRecord error = ConnectFails(clientId, FreeLoopbackRedirect());

        Assert.Equal($"SignIn.RedirectUriNotRegistered,{ConnectType}", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(BrowserRan));
    }

    [Fact]
    public async Task NoBrowserFailsAtOnce()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser(Path.Combine(_folder, "no-such-browser"));
        var watch = Stopwatch.StartNew();

        ErrorRecord error = ConnectFails(clientId, _redirect);

        Assert.Equal($"SignIn.BrowserNotOpened,{ConnectType}", error.FullyQualifiedErrorId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ASignInNotFinishedFailsAfterTimeoutSecAndSaysIt()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser("true"); // starts and ends well, but nobody signs in

        ErrorRecord error = ConnectFails(clientId, _redirect, "-TimeoutSec 2");

        Assert.Equal($"SignIn.TimedOut,{ConnectType}", error.FullyQualifiedErrorId);
        Assert.Contains("within 2 s", error.Exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// With a connection open that sends nothing, as a browser's speculative preconnect: the listener allows it 10 s to
    /// send its request, and Ctrl+C must not wait for that.
    /// </summary>
    [Fact]
    public async Task CtrlCStopsTheWaitAtOnceWithAnIdleConnectionOpen()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser(MarkerBrowser()); // starts and ends well, but nobody signs in
        using PowerShell shell = Shell.Create($"Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -Interactive -RedirectUri '{_redirect}' -TimeoutSec 600");
        IAsyncResult running = shell.BeginInvoke();
        using TcpClient idle = Assert.Single(await Preconnect.OpenIdleAsync(new Uri(_redirect).Port, 1));
        await Preconnect.WaitForBrowserAsync(BrowserRan);
        await Task.Delay(200); // the module is past opening the browser, waiting for the answer
        var watch = Stopwatch.StartNew();

        shell.Stop();

        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the sign-in went on waiting after Stop");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Stop took {watch.Elapsed.TotalSeconds:0.0} s, behind the idle connection");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
    }

    [Fact]
    public async Task WithoutInteractiveNothingOpens()
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect);
        UseBrowser(MarkerBrowser());

        RunResult withoutSwitch = Shell.Run($"Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -RedirectUri '{_redirect}'");
        RunResult withoutCredential = Shell.Run("Connect-QlikTenant -TenantUrl $TenantUrl");

        Assert.Equal($"SignIn.InteractiveRequired,{ConnectType}", Assert.Single(withoutSwitch.Errors).FullyQualifiedErrorId);
        Assert.Empty(withoutSwitch.Output);
        // No credential at all: PowerShell asks for the mandatory -ApiKey, and a host that cannot ask (a runbook) fails.
        Assert.StartsWith("MissingMandatoryParameter", (withoutCredential.Terminating as IContainsErrorRecord)?.ErrorRecord.FullyQualifiedErrorId ?? Assert.Single(withoutCredential.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.False(File.Exists(BrowserRan));
    }

    [BrowserFact]
    public async Task AWebClientSignsInWithItsKeyFileOrCertificateAndRenewsWithSignedAssertions()
    {
        Shell.SetVariable("KeyPassword", Secure("key password 123"));
        Shell.SetVariable("PfxPassword", Secure("pfx password 456"));
        RunResult key = Shell.Run($"New-QlikOAuthKey -Path '{Path.Combine(_folder, "web.pem")}' -Algorithm RS256 -KeyId web-key -Password $KeyPassword");
        string keyJwk = key.Single("QlikOAuth.QlikOAuthKey").Prop<string>("PublicKey")!;
        (string pfxPath, string certificateJwk) = SelfSignedPfx("cert-key", "pfx password 456");
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect, "web", true, keyJwk, certificateJwk);
        UseBrowser(ChromiumWrapper());
        string connect = $"Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -Interactive -RedirectUri '{_redirect}' -LoginHint '{EmulatorDefaults.AliceEmail}' -TimeoutSec 120 -NoDefault";

        RunResult result = Shell.Run($$"""
            $byKey = {{connect}} -PrivateKeyPath '{{Path.Combine(_folder, "web.pem")}}' -KeyId web-key -KeyPassword $KeyPassword -Verbose
            $byKey.UserId
            (Get-QlikAccessToken -Session $byKey).GrantType
            Disconnect-QlikTenant -Session $byKey
            $byCertificate = {{connect}} -CertificatePath '{{pfxPath}}' -CertificatePassword $PfxPassword -KeyId cert-key
            $byCertificate.UserId
            (Get-QlikAccessToken -Session $byCertificate).GrantType
            Disconnect-QlikTenant -Session $byCertificate
            """);

        result.AssertNoErrors();
        Assert.Equal([EmulatorDefaults.AliceId, "refresh_token", EmulatorDefaults.AliceId, "refresh_token"], result.Output.Select(o => o.BaseObject.ToString()));
        var tokenCalls = Emulator.Requests.Where(r => r.Path == "/oauth/token").ToList();
        // Each sign-in: the code exchange, then a renewal at each use (the 120 s token is always inside the renewal margin).
        Assert.Equal(2, tokenCalls.Count(call => call.Body.Contains("\"grant_type\":\"authorization_code\"", StringComparison.Ordinal)));
        Assert.True(tokenCalls.Count(call => call.Body.Contains("\"grant_type\":\"refresh_token\"", StringComparison.Ordinal)) >= 2);
        Assert.All(tokenCalls, call => Assert.Equal(200, call.Status));
        Assert.All(tokenCalls, call => Assert.Contains("\"client_assertion\":", call.Body, StringComparison.Ordinal));
        Assert.Contains(result.Verbose, record => record.Message.Contains("RS256 key web-key", StringComparison.Ordinal));
        Assert.DoesNotContain("key password 123", result.AllText());
    }

    [BrowserFact]
    public async Task NoSecretOfTheSignInAppearsInAnyStreamWithVerboseAndDebug()
    {
        (string clientId, string? secret) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect, "web");
        Shell.SetVariable("Secret", Secure(secret!));
        Shell.SetVariable("WrongSecret", Secure("not-the-secret-0123456789"));
        UseBrowser(ChromiumWrapper());
        string connect = $"Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -Interactive -RedirectUri '{_redirect}' -LoginHint '{EmulatorDefaults.AliceEmail}' -TimeoutSec 120 -Verbose -Debug";

        RunResult signedIn = Shell.Run($$"""
            $s = {{connect}} -ClientSecret $Secret
            "$s"
            Get-QlikSession -Verbose -Debug
            Invoke-QlikRestMethod /api/v1/users/me -Verbose -Debug
            Get-QlikAccessToken -Session $s -Verbose -Debug
            Get-QlikAccessToken -Session $s -NoCache -Verbose -Debug
            Disconnect-QlikTenant -Session $s -Verbose -Debug
            """);
        RunResult refused = Shell.Run($"{connect} -ClientSecret $WrongSecret");

        signedIn.AssertNoErrors();
        Assert.NotEmpty(signedIn.Verbose);
        Assert.NotEmpty(signedIn.Debug);
        Assert.StartsWith("TokenRefused.InvalidClientCredentials,", Assert.Single(refused.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        var secrets = new List<string> { secret!, "not-the-secret-0123456789" };
        foreach (RecordedRequest call in Emulator.Requests.Where(r => r.Path is "/oauth/token" or "/oauth/revoke"))
        {
            JsonNode body = JsonNode.Parse(call.Body)!;
            secrets.AddRange(new[] { "code", "code_verifier", "refresh_token", "token" }.Select(name => body[name]?.GetValue<string>()).OfType<string>());
        }

        secrets.AddRange(Emulator.Requests.Select(r => r.Headers.TryGetValue("Authorization", out string? header) ? header["Bearer ".Length..] : null).OfType<string>().Where(bearer => bearer != Emulator.AdminApiKey));
        Assert.Equal(2, Emulator.Requests.Count(r => r.Path == "/oauth/token" && r.Body.Contains("\"code_verifier\":", StringComparison.Ordinal)));
        Assert.Contains(Emulator.Requests, r => r.Path == "/oauth/revoke");
        string all = signedIn.AllText() + "\n" + refused.AllText();
        Assert.All(secrets, value => Assert.DoesNotContain(value, all));
    }

    [Theory]
    [InlineData("-ClientSecret $Secret -PrivateKeyPath $Folder/web.pem", "SignIn.ConflictingClientCredentials")]
    [InlineData("-PrivateKeyPath $Folder/web.pem -CertificatePath $Folder/web.pfx", "ConflictingKeySources")]
    [InlineData("-PrivateKeyPath $Folder/no-such-key.pem -KeyId k", "KeyFileNotFound")]
    public async Task AClientCredentialThatCannotServeFailsBeforeTheBrowserOpens(string credential, string errorId)
    {
        (string clientId, _) = await EmulatorRest.CreateSignInClientAsync(Emulator, _redirect, "web");
        UseBrowser(MarkerBrowser());
        Shell.SetVariable("Secret", Secure("some secret"));
        Shell.SetVariable("Folder", _folder);

        ErrorRecord error = ConnectFails(clientId, _redirect, credential);

        Assert.Equal($"{errorId},{ConnectType}", error.FullyQualifiedErrorId);
        Assert.False(File.Exists(BrowserRan));
        Assert.DoesNotContain(Emulator.Requests, r => r.Path.StartsWith("/oauth/", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("BROWSER", null);
        Directory.Delete(_folder, recursive: true);
    }

    private ErrorRecord ConnectFails(string clientId, string redirect, string extra = "-TimeoutSec 60")
    {
        RunResult result = Shell.Run($"Connect-QlikTenant -TenantUrl $TenantUrl -ClientId '{clientId}' -Interactive -RedirectUri '{redirect}' -LoginHint '{EmulatorDefaults.AliceEmail}' {extra}");
        Assert.Empty(result.Output);
        return Assert.Single(result.Errors);
    }

    /// <summary>Sets $env:BROWSER in the runspace, as a user would.</summary>
    private void UseBrowser(string command) => Shell.Run($"$env:BROWSER = '{command}'").AssertNoErrors();

    /// <param name="waitFor">A file the script first waits for (up to 30 s), so a test can act between the browser's start and its visit.</param>
    private string ChromiumWrapper(string? waitFor = null) => Script("chromium-browser.sh", $"""
        #!/bin/sh
        touch '{BrowserRan}'
        i=0
        while [ -n '{waitFor}' ] && [ ! -e '{waitFor}' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done
        profile=$(mktemp -d)
        '{Chromium.Path}' --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir="$profile" --dump-dom "$1" > /dev/null 2>&1
        status=$?
        rm -rf "$profile"
        exit $status
        """);

    private string MarkerBrowser() => Script("marker-browser.sh", $"#!/bin/sh\ntouch '{BrowserRan}'\n");

    private string Script(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>A self-signed P-384 certificate with its private key in a PFX file; its public JWK to register, with <paramref name="keyId"/>.</summary>
    private (string Path, string Jwk) SelfSignedPfx(string keyId, string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using X509Certificate2 certificate = new CertificateRequest("CN=sign-in test", key, HashAlgorithmName.SHA384).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_folder, "web.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        ECParameters point = key.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-384",
            ["x"] = Base64Url.EncodeToString(point.Q.X),
            ["y"] = Base64Url.EncodeToString(point.Q.Y),
            ["kid"] = keyId,
            ["alg"] = "ES384",
            ["use"] = "sig",
        };
        return (path, jwk.ToJsonString());
    }

    private static string FreeLoopbackRedirect()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/callback";
    }
}
