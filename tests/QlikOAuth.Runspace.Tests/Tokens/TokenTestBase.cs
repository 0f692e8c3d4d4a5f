using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>What the token-area runspace tests share: issuing clients arranged over plain REST, and the secrets to look for.</summary>
public abstract class TokenTestBase : TenantTestBase, IDisposable
{
    public const string TokenType = "QlikOAuth.QlikAccessToken";
    public const string TestResultType = "QlikOAuth.QlikOAuthClientTestResult";
    public const string ClientCredentials = "client_credentials";
    public const string Impersonation = "urn:qlik:oauth:user-impersonation";

    /// <summary>Secrets of this test (client secrets, tokens seen): none may appear in any stream or ToString.</summary>
    protected List<string> Secrets { get; } = [];

    protected string TempDir { get; } = Directory.CreateTempSubdirectory("qlikoauth-tokens-").FullName;

    protected int TokenRequests => Emulator.Requests.Count(request => request.Path == "/oauth/token");

    /// <summary>
    /// A client made over REST (not through the cmdlets under test); sets $Client to its PSCredential and returns its id.
    /// </summary>
    protected async Task<string> ArrangeClientAsync(string[]? grants = null, string[]? scopes = null, bool trusted = true, string? publicJwk = null)
    {
        var body = new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = "token client " + Guid.NewGuid().ToString("N")[..8],
            ["allowedGrantTypes"] = new JsonArray([.. (grants ?? [ClientCredentials, Impersonation]).Select(grant => (JsonNode)grant)]),
            ["allowedScopes"] = new JsonArray([.. (scopes ?? ["user_default"]).Select(scope => (JsonNode)scope)]),
            ["allowedAuthMethods"] = publicJwk is null ? new JsonArray("client_secret") : new JsonArray("client_secret", "private_key_jwt"),
        };
        if (trusted)
        {
            body["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" };
        }

        if (publicJwk != null)
        {
            body["publicKeys"] = new JsonArray(JsonNode.Parse(publicJwk));
        }

        (string clientId, string secret) = await EmulatorRest.CreateClientAsync(Emulator, body);
        Secrets.Add(secret);
        Shell.SetVariable("Client", new PSCredential(clientId, Secure(secret)));
        return clientId;
    }

    /// <summary>A key file made by New-QlikOAuthKey ($KeyPath) and a client that trusts its public half ($ClientId).</summary>
    protected async Task<string> ArrangeKeyClientAsync(string algorithm, SecureString? password = null)
    {
        string path = Path.Combine(TempDir, $"{algorithm}.pem");
        Shell.SetVariable("KeyPath", path);
        Shell.SetVariable("KeyPassword", password);
        RunResult key = Shell.Run($"New-QlikOAuthKey -Path $KeyPath -Algorithm {algorithm} -KeyId kid-{algorithm} {(password is null ? string.Empty : "-Password $KeyPassword")}");
        string clientId = await ArrangeClientAsync(publicJwk: key.Single("QlikOAuth.QlikOAuthKey").Prop<string>("PublicKey"));
        Shell.SetVariable("ClientId", clientId);
        return clientId;
    }

    /// <summary>No token, secret, API key or private key text in any stream, error or output ToString.</summary>
    protected void AssertNoSecretText(RunResult result)
    {
        string all = result.AllText();
        Assert.DoesNotContain(Emulator.AdminApiKey, all);
        IEnumerable<string> tokens = TokensIn(result.Output).Select(TokenText).Concat(BearersSent());
        foreach (string secret in Secrets.Concat(tokens))
        {
            Assert.DoesNotContain(secret, all);
        }

        foreach (string pem in Directory.EnumerateFiles(TempDir, "*.pem"))
        {
            foreach (string line in File.ReadAllLines(pem).Where(line => !line.StartsWith("-----", StringComparison.Ordinal) && line.Length > 20))
            {
                Assert.DoesNotContain(line, all);
            }
        }
    }

    /// <summary>The token objects among a run's output.</summary>
    protected static IReadOnlyList<PSObject> TokensIn(IEnumerable<PSObject> output) =>
        output.Where(item => item.BaseObject.GetType().FullName == TokenType).ToList();

    /// <summary>
    /// The one error of a run: a cmdlet's terminating error ends only its statement inside a script, so it lands in
    /// the error stream unless -ErrorAction Stop made it end the script.
    /// </summary>
    protected static ErrorRecord TheError(RunResult result) => result.Terminating?.ErrorRecord ?? Assert.Single(result.Errors);

    /// <summary>The token text of an output, whether SecureString or (with -AsPlainText) a string.</summary>
    protected static string TokenText(PSObject token) => token.Prop<object>("AccessToken") switch
    {
        SecureString secure => new NetworkCredential(string.Empty, secure).Password,
        string plain => plain,
        var other => throw new Xunit.Sdk.XunitException($"AccessToken is a {other?.GetType().Name}"),
    };

    /// <summary>Every bearer other than the admin API key that reached the tenant: the tokens the cmdlets used.</summary>
    private IEnumerable<string> BearersSent() =>
        Emulator.Requests.Select(request => request.Headers.TryGetValue("Authorization", out string? header) ? header : null)
            .OfType<string>()
            .Where(header => header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            .Select(header => header[7..])
            .Where(bearer => bearer != Emulator.AdminApiKey);

    public void Dispose() => Directory.Delete(TempDir, recursive: true);
}
