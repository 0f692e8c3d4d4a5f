using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Fleet;

/// <summary>
/// Connect-QlikTenant with many tenant URLs: one session per tenant with the one credential, in input order, none the
/// default; in parallel; a tenant that cannot be reached or refuses the credential is one error naming it.
/// </summary>
public sealed class FleetConnectTests : FleetTestBase
{
    private const int Refusing = 3;

    protected override int TenantCount => 5;

    protected override void Configure(int index, EmulatorOptions options)
    {
        if (index == Refusing)
        {
            options.AdminApiKey = "another tenant's admin key";
        }
    }

    [Fact]
    public void TenantsFromThePipelineConnectOneSessionEachInInputOrderAndNoneBecomesTheDefault()
    {
        RunResult result = Shell.Run("$Urls[0..2] | ForEach-Object { [pscustomobject]@{ TenantUrl = $_; Customer = 'a customer' } } | Connect-QlikTenant -ApiKey $ApiKey");

        IReadOnlyList<PSObject> sessions = result.OutputOfType("QlikOAuth.QlikSession");
        Assert.Equal(Urls.Take(3), sessions.Select(session => session.Prop<Uri>("TenantUrl")!.GetLeftPart(UriPartial.Authority)));
        Assert.Null(Shell.GetVariable("QlikOAuthDefaultSession"));
        Assert.All(Tenants.Take(3), tenant => Assert.Single(tenant.Requests, request => request.Path == "/api/v1/users/me"));
    }

    [Fact]
    public void OneTenantFromThePipelineStillBecomesTheDefault()
    {
        RunResult result = Shell.Run("[pscustomobject]@{ TenantUrl = $Urls[1] } | Connect-QlikTenant -ApiKey $ApiKey | Out-Null\n$global:QlikOAuthDefaultSession.TenantUrl");

        result.AssertNoErrors();
        Assert.Equal(Urls[1], ((Uri)Assert.Single(result.Output).BaseObject).GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public void AnArrayOfTenantsConnectsInParallel()
    {
        foreach (TenantEmulator tenant in Tenants)
        {
            tenant.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Delay = TimeSpan.FromSeconds(1.5) });
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        RunResult result = Shell.Run("Connect-QlikTenant -TenantUrl $Urls -ApiKey $ApiKey -ErrorAction SilentlyContinue");
        watch.Stop();

        Assert.Equal(TenantCount - 1, result.Output.Count);
        // One after another, five tenants take 7.5 s at least; side by side about 1.5 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"connecting took {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task TenantsThatCannotBeReachedOrRefuseTheKeyGiveOneErrorEachNamingItAndTheOthersConnect()
    {
        await Tenants[1].DisposeAsync();

        RunResult result = Shell.Run("$Urls | ForEach-Object { [pscustomobject]@{ TenantUrl = $_ } } | Connect-QlikTenant -ApiKey $ApiKey");

        Assert.Equal([Urls[0], Urls[2], Urls[4]], result.Output.Select(session => session.Prop<Uri>("TenantUrl")!.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(Urls[1], result.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains(Urls[Refusing], result.Errors[1].Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("QlikApi.Unauthorized,", result.Errors[1].FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Null(Shell.GetVariable("QlikOAuthDefaultSession"));
    }
}
