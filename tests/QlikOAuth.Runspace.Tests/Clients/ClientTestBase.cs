using System.Management.Automation;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>What the client-area runspace tests share: type names, tenant state over plain REST, and secret checks.</summary>
public abstract class ClientTestBase : TenantTestBase, IDisposable
{
    public const string ClientType = "QlikOAuth.QlikOAuthClient";
    public const string SecretType = "QlikOAuth.QlikOAuthClientSecret";
    public const string KeyType = "QlikOAuth.QlikOAuthKey";

    /// <summary>Every secret this test has seen: from the tenant over REST and from any output object's Credential.</summary>
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    /// <summary>A temporary folder per test for key files.</summary>
    protected string TempDir { get; } = Directory.CreateTempSubdirectory("qlikoauth-clients-").FullName;

    /// <summary>Runs a script after connecting, and checks that no secret known so far leaked into its text.</summary>
    protected RunResult Run(string script) => Checked(RunConnected(script));

    /// <summary>Runs a script in the runspace as it is (no connect first), with the same secret check.</summary>
    protected RunResult RunUnconnected(string script) => Checked(Shell.Run(script));

    protected static string SecretOf(PSObject item) => item.Prop<PSCredential>("Credential")!.GetNetworkCredential().Password;

    /// <summary>Creates a client over REST (not through the cmdlets under test) and returns its id.</summary>
    protected async Task<string> ArrangeClientAsync(string name, bool trusted = false) => (await ArrangeClientWithSecretAsync(name, trusted)).ClientId;

    /// <summary>Creates a client over REST (not through the cmdlets under test) and returns its id and first secret.</summary>
    protected async Task<EmulatorRest.Client> ArrangeClientWithSecretAsync(string name, bool trusted = false)
    {
        var body = new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = name,
            ["allowedGrantTypes"] = new JsonArray("client_credentials"),
            ["allowedScopes"] = new JsonArray("user_default"),
        };
        if (trusted)
        {
            body["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" };
        }

        EmulatorRest.Client client = await EmulatorRest.CreateClientAsync(Emulator, body);
        _secrets.Add(client.Secret);
        return client;
    }

    /// <summary>The client as the tenant has it, read over REST; null when it does not exist.</summary>
    protected async Task<JsonElement?> TenantClientAsync(string clientId)
    {
        using HttpClient http = AdminHttp();
        using HttpResponseMessage response = await http.GetAsync($"/api/v1/oauth-clients/{clientId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The hints of the client's secrets as the tenant has them, read over REST.</summary>
    protected async Task<string[]> HintsAsync(string clientId) =>
        (await TenantClientAsync(clientId))!.Value.GetProperty("clientSecrets").EnumerateArray().Select(secret => secret.GetProperty("hint").GetString()!).ToArray();

    protected async Task<string?> TenantConsentAsync(string clientId) =>
        (await TenantClientAsync(clientId))?.GetProperty("connectionConfig").GetProperty("consentMethod").GetString();

    /// <summary>Proves a secret works: a client_credentials token request with it succeeds.</summary>
    protected async Task<HttpStatusCode> TokenStatusAsync(string clientId, string secret)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using HttpResponseMessage response = await http.PostAsJsonAsync("/oauth/token", new
        {
            grant_type = "client_credentials", client_id = clientId, client_secret = secret, scope = "user_default",
        });
        return response.StatusCode;
    }

    /// <summary>
    /// No secret of the test (client secrets seen so far, the admin API key, private key PEM bodies) in any stream,
    /// error or output ToString of the run.
    /// </summary>
    private RunResult Checked(RunResult result)
    {
        foreach (PSObject item in result.Output.Where(item => item.Properties["Credential"]?.Value is PSCredential))
        {
            _secrets.Add(SecretOf(item));
        }

        string all = result.AllText();
        Assert.DoesNotContain(Emulator.AdminApiKey, all);
        foreach (string secret in _secrets)
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

        return result;
    }

    /// <summary>Key files are private keys: none outlives its test.</summary>
    public void Dispose() => Directory.Delete(TempDir, recursive: true);

    private HttpClient AdminHttp() => EmulatorRest.AdminHttp(Emulator);
}
