using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Engine.SignIn;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.SignIn;

/// <summary>
/// A person's sign-in against the emulated tenant. The browser is curl following redirects (a real HTTP user agent
/// run as a $BROWSER command), so the engine's own steps are what is tested; the cmdlet tests use headless Chromium.
/// </summary>
public abstract class SignInFixture : TenantFixture, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qlikoauth-signin-").FullName;

    /// <summary>With the unconfirmed rule that a web client authenticates on the code exchange and each refresh on, so its secret or assertion is really checked.</summary>
    protected override void Configure(EmulatorOptions options)
    {
        options.EnableTestControls = true;
        options.RequireWebClientAuthOnCodeExchange = true;
    }

    /// <summary>A file the browser command writes when it runs: a test can prove no browser was opened.</summary>
    protected string BrowserRanMarker => Path.Combine(_folder, "browser-ran");

    protected static string FreeLoopbackRedirect()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/callback";
    }

    /// <summary>A file the test writes to let a <see cref="Curl(bool)"/> browser that waits for it go on.</summary>
    protected string BrowserGoMarker => Path.Combine(_folder, "browser-go");

    /// <summary>
    /// A $BROWSER script: notes that it ran, then fetches the URL as a browser would (redirects followed).
    /// <paramref name="waitForGo"/>: it first waits (up to 30 s) for <see cref="BrowserGoMarker"/>, so a test can act
    /// between the browser's start and its visit.
    /// </summary>
    protected SystemBrowser Curl(bool waitForGo = false)
    {
        string script = Path.Combine(_folder, "curl-browser.sh");
        string wait = waitForGo ? $"i=0\nwhile [ ! -e '{BrowserGoMarker}' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done\n" : string.Empty;
        File.WriteAllText(script, $"#!/bin/sh\ntouch '{BrowserRanMarker}'\n{wait}exec curl -s -L -o /dev/null \"$1\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new SystemBrowser(script);
    }

    /// <summary>
    /// Creates a client for people over plain REST with the admin API key; returns its id and secret (web only).
    /// <paramref name="publicKey"/>: a web client that authenticates with private key JWT only, with this key registered.
    /// </summary>
    protected async Task<(string ClientId, string? Secret)> CreateSignInClientAsync(string redirect, string appType = "native", bool trusted = true, IReadOnlyDictionary<string, string>? publicKey = null)
    {
        var body = new JsonObject
        {
            ["appType"] = appType,
            ["clientName"] = $"{appType} sign-in",
            ["redirectUris"] = new JsonArray(redirect),
            ["allowedScopes"] = new JsonArray("user_default", "offline_access"),
        };
        if (publicKey != null)
        {
            body["allowedAuthMethods"] = new JsonArray("private_key_jwt");
            body["publicKeys"] = new JsonArray(JsonSerializer.SerializeToNode(publicKey));
        }

        if (trusted)
        {
            body["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" };
        }

        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.AdminApiKey);
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/oauth-clients", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("clientId").GetString()!, json.RootElement.TryGetProperty("clientSecret", out JsonElement secret) ? secret.GetString() : null);
    }

    protected static SignInRequest Request(string clientId, string redirect, string? loginHint = EmulatorDefaults.AliceEmail) =>
        new(clientId, LoopbackRedirect.Parse(redirect)) { LoginHint = loginHint, Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
