using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Fleet;

/// <summary>
/// The cmdlets that read or change one tenant take several sessions the same way, their output naming its tenant;
/// Export writes a folder per tenant; the cmdlets that act on one tenant refuse several sessions.
/// </summary>
public sealed class FleetCmdletTests : FleetTestBase, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qlikoauth-fleet-").FullName;

    protected override int TenantCount => 3;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunResult Synced(string script)
    {
        Shell.SetVariable("Dir", _dir);
        return Shell.Run(ConnectScript + Definitions + "Sync-QlikOAuthClient -Session $sessions -Definition $defs | Out-Null\n" + script);
    }

    [Fact]
    public void GetQlikOAuthClientListsEachTenantsClientsNamingTheTenant()
    {
        RunResult result = Synced("Get-QlikOAuthClient -Session $sessions -Name alpha, beta");

        IReadOnlyList<PSObject> clients = result.OutputOfType("QlikOAuth.QlikOAuthClient");
        Assert.Equal(Urls.SelectMany(url => new[] { (url, "alpha"), (url, "beta") }), clients.Select(client => (TenantOf(client), client.Prop<string>("Name")!)));
    }

    [Fact]
    public void AnErrorOfOneOfSeveralTenantsNamesItsTenant()
    {
        RunResult result = Synced("Get-QlikOAuthClient -Session $sessions -Name alpha, nosuch");

        Assert.Equal(TenantCount, result.Output.Count(item => item.TypeNames.Contains("QlikOAuth.QlikOAuthClient")));
        Assert.Equal(
            Urls.Select(url => $"{url.TrimEnd('/')}: No OAuth client is named 'nosuch'."),
            result.Errors.Select(error => error.ErrorDetails.Message.Split(" List the names")[0]));
        Assert.All(result.Errors, error => Assert.StartsWith("ClientNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorOfTheOnlyTenantReadsAsBefore()
    {
        RunResult result = Synced("Get-QlikOAuthClient -Session $sessions[0] -Name nosuch");

        Assert.StartsWith("No OAuth client is named 'nosuch'.", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CspOriginsAreAddedAndReadOnEveryTenant()
    {
        RunResult result = Synced(
            "New-QlikCspOrigin -Session $sessions -Origin https://portal.example.com -FrameAncestors -ConnectSrc | Out-Null\n" +
            "Get-QlikCspOrigin -Session $sessions -Origin https://portal.example.com");

        IReadOnlyList<PSObject> entries = result.OutputOfType("QlikOAuth.QlikCspOrigin");
        Assert.Equal(Urls, entries.Select(TenantOf));
        Assert.All(entries, entry => Assert.True(entry.Prop<bool>("FrameAncestors") && entry.Prop<bool>("ConnectSrc")));
        Assert.All(Tenants, tenant => Assert.Single(tenant.Requests, request => request.Method == "POST" && request.Path == "/api/v1/csp-origins"));
    }

    [Fact]
    public void ExportOfSeveralTenantsWritesAFolderPerTenantAndNoFileOfAnother()
    {
        RunResult result = Synced("Export-QlikOAuthClient -Session $sessions -Path \"$Dir/fleet\"");

        IReadOnlyList<PSObject> files = result.OutputOfType("System.IO.FileInfo");
        Assert.Equal(TenantCount * 3, files.Count);
        foreach (PSObject file in files)
        {
            var tenant = new Uri(file.Prop<Uri>("TenantUrl")!.ToString());
            Assert.Equal(Path.Combine(_dir, "fleet", $"{tenant.Host}_{tenant.Port}"), ((FileInfo)file.BaseObject).DirectoryName);
        }

        Assert.Equal(TenantCount, Directory.GetDirectories(Path.Combine(_dir, "fleet")).Length);
        Assert.All(Directory.GetDirectories(Path.Combine(_dir, "fleet")), folder => Assert.Equal(["alpha.json", "beta.json", "gamma.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order()));
    }

    [Fact]
    public void ACmdletOfOneTenantRefusesSeveralSessions()
    {
        RunResult result = Shell.Run(ConnectScript + "New-QlikOAuthClient -Session $sessions -Name one");

        // A cmdlet's terminating error ends its statement: the script's next statement would still run.
        Assert.StartsWith("SessionNotSingle,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.All(Tenants, tenant => Assert.Empty(Writes(tenant)));
    }
}
