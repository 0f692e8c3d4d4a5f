using System.Management.Automation;
using System.Net;
using System.Text.Json;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Fleet;

/// <summary>
/// A fleet of emulated tenants, each its own <see cref="TenantEmulator"/> on a port of its own (they share nothing, as
/// real tenants do, except the clients published in their region when <see cref="OneRegion"/>), and one runspace. Scripts see $Urls (the tenant URLs, in order), $ApiKey (the admin key every
/// tenant accepts unless <see cref="Configure"/> changes it) and, after <see cref="ConnectScript"/>, $sessions.
/// </summary>
public abstract class FleetTestBase : IAsyncLifetime
{
    public const string ConnectScript = "$sessions = $Urls | ForEach-Object { [pscustomobject]@{ TenantUrl = $_ } } | Connect-QlikTenant -ApiKey $ApiKey\n";

    /// <summary>Three clients as definitions ($defs), as Export-QlikOAuthClient writes them.</summary>
    public const string Definitions = "$defs = 'alpha', 'beta', 'gamma' | ForEach-Object { " +
        "'{\"schemaVersion\":1,\"clientName\":\"' + $_ + '\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}' }\n";

    public const string SyncResultType = "QlikOAuth.QlikOAuthClientSyncResult";

    protected abstract int TenantCount { get; }

    protected IReadOnlyList<TenantEmulator> Tenants { get; private set; } = [];

    /// <summary>Each tenant's URL as the sessions name it (scheme://host:port).</summary>
    protected IReadOnlyList<string> Urls => Tenants.Select(tenant => tenant.BaseUrl.ToString()).ToList();

    protected PowerShellSession Shell { get; private set; } = null!;

    /// <summary>
    /// The tenants of one region (<see cref="EmulatorFleet"/>): a client published on one answers on all of them. Then
    /// every tenant starts alike (<see cref="Configure"/> is not called).
    /// </summary>
    protected virtual bool OneRegion => false;

    /// <summary>Override to change a tenant before it starts, by its index (tenants of no common region only).</summary>
    protected virtual void Configure(int index, EmulatorOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        if (OneRegion)
        {
            Tenants = (await EmulatorFleet.StartAsync(TenantCount, new EmulatorOptions { EnableTestControls = true })).Tenants;
        }
        else
        {
            var tenants = new List<TenantEmulator>();
            for (int i = 0; i < TenantCount; i++)
            {
                var options = new EmulatorOptions { EnableTestControls = true };
                Configure(i, options);
                tenants.Add(await TenantEmulator.StartAsync(options));
            }

            Tenants = tenants;
        }

        Shell = new PowerShellSession();
        Shell.SetVariable("Urls", Urls.ToArray());
        Shell.SetVariable("ApiKey", new NetworkCredential(string.Empty, new EmulatorOptions().AdminApiKey).SecurePassword);
    }

    public async Task DisposeAsync()
    {
        Shell.Dispose();
        foreach (TenantEmulator tenant in Tenants)
        {
            await tenant.DisposeAsync();
        }
    }

    /// <summary>The names of the tenant's clients, read over REST with its admin key (not through the cmdlets under test).</summary>
    protected static async Task<List<string>> ClientNamesAsync(TenantEmulator tenant)
    {
        using HttpClient http = EmulatorRest.AdminHttp(tenant);
        using JsonDocument page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/oauth-clients?limit=100"));
        return page.RootElement.GetProperty("data").EnumerateArray().Select(client => client.GetProperty("clientName").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The requests that changed something on the tenant.</summary>
    protected static IEnumerable<RecordedRequest> Writes(TenantEmulator tenant) => tenant.Requests.Where(request => request.Method != "GET");

    /// <summary>The tenant URL of an output object's Session (sync results, clients, CSP entries), as scheme://host:port.</summary>
    protected static string TenantOf(PSObject item) =>
        PSObject.AsPSObject(item.Prop<object>("Session")).Prop<Uri>("TenantUrl")!.GetLeftPart(UriPartial.Authority);
}
