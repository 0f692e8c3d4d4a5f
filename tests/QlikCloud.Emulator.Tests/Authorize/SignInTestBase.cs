using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Authorize;

/// <summary>
/// A person's sign-in as a browser drives it: GET /oauth/authorize without following redirects, the emulator's forms
/// posted as a browser posts them, and the code exchanged at /oauth/token with the PKCE verifier.
/// </summary>
public abstract class SignInTestBase : EmulatorTest, IDisposable
{
    protected const string Redirect = "http://127.0.0.1:8765/callback";
    protected const string Verifier = "verifier-0123456789-0123456789-0123456789-0123456789";

    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    protected override EmulatorOptions Options => new() { EnableTestControls = true, Clock = Clock };

    protected static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A client for people: native unless told, with the loopback redirect and offline_access allowed.</summary>
    protected async Task<string> CreateSignInClientAsync(string appType = "native", bool trusted = true, string redirect = Redirect)
    {
        var body = new JsonObject
        {
            ["appType"] = appType,
            ["clientName"] = $"{appType} sign-in",
            ["redirectUris"] = Strings(redirect),
            ["allowedScopes"] = Strings("user_default", "offline_access"),
        };
        if (trusted)
        {
            body["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" };
        }
        return (string)(await CreateClientAsync(body))["clientId"]!;
    }

    protected static string AuthorizeQuery(string clientId, string redirect = Redirect, string scope = "user_default offline_access", string? loginHint = EmulatorDefaults.AliceEmail, string? challenge = null, string state = "state-123", string method = "S256") =>
        QueryHelpers.AddQueryString("/oauth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirect, ["response_type"] = "code", ["scope"] = scope, ["state"] = state,
            ["code_challenge"] = challenge ?? Challenge(Verifier), ["code_challenge_method"] = method, ["login_hint"] = loginHint,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

    protected Task<HttpResponseMessage> BrowseAsync(string pathAndQuery) => _browser.GetAsync(Url(pathAndQuery));

    protected Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        _browser.PostAsync(Url(path), new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Asserts a 302 back to the redirect URI and returns its query parameters.</summary>
    protected static Dictionary<string, string> RedirectedQuery(HttpResponseMessage response, string redirect = Redirect)
    {
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirect + "?", location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>Signs Alice in through the login_hint shortcut; returns the code.</summary>
    protected async Task<string> CodeAsync(string clientId, string scope = "user_default offline_access")
    {
        var query = RedirectedQuery(await BrowseAsync(AuthorizeQuery(clientId, scope: scope)));
        Assert.Equal("state-123", query["state"]);
        return query["code"];
    }

    protected Task<HttpResponseMessage> ExchangeAsync(string clientId, string code, string verifier = Verifier, string redirect = Redirect) =>
        TokenAsync(new JsonObject
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code, ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
        });

    protected Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(new JsonObject { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    protected async Task<JsonObject> TokensAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (JsonObject)await JsonAsync(response);
    }

    public void Dispose()
    {
        _browser.Dispose();
        GC.SuppressFinalize(this);
    }
}
