using System.Management.Automation;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Fleet;

/// <summary>
/// Sync-QlikOAuthClient -Session $sessions: every tenant planned, then applied in parallel; a result per client and
/// tenant; -WhatIf for the whole fleet; -Prune asked once; failing tenants named, the others converge; a second run
/// writes nothing; each tenant's rate limit its own.
/// </summary>
public sealed class FleetSyncTests : FleetTestBase
{
    protected override int TenantCount => 6;

    private RunResult Connected(string script) => Shell.Run(ConnectScript + Definitions + script);

    [Fact]
    public async Task EveryTenantConvergesWithAResultPerClientAndTenantAndASecondRunWritesNothing()
    {
        RunResult first = Connected("Sync-QlikOAuthClient -Session $sessions -Definition $defs -ThrottleLimit 4");

        IReadOnlyList<PSObject> results = first.OutputOfType(SyncResultType);
        Assert.Equal(TenantCount * 3, results.Count);
        Assert.All(results, result => Assert.Equal(("Created", true), (result.Prop<string>("Action"), result.Prop<bool>("Applied"))));
        Assert.Equal(Urls.Order(), results.GroupBy(TenantOf).Select(tenant => tenant.Key).Order());
        Assert.All(results.GroupBy(TenantOf), tenant => Assert.Equal(["alpha", "beta", "gamma"], tenant.Select(result => result.Prop<string>("Name")).Order()));
        foreach (TenantEmulator tenant in Tenants)
        {
            Assert.Equal(["alpha", "beta", "gamma"], await ClientNamesAsync(tenant));
            tenant.ClearRequests();
        }

        RunResult second = Shell.Run("Sync-QlikOAuthClient -Session $sessions -Definition $defs");

        Assert.All(second.OutputOfType(SyncResultType), result => Assert.Equal("Unchanged", result.Prop<string>("Action")));
        Assert.Equal(TenantCount * 3, second.Output.Count);
        Assert.All(Tenants, tenant => Assert.Empty(Writes(tenant)));
    }

    [Fact]
    public void WhatIfShowsTheWholeFleetsPlanAndWritesNothing()
    {
        RunResult result = Connected("Sync-QlikOAuthClient -Session $sessions -Definition $defs -WhatIf");

        IReadOnlyList<PSObject> plan = result.OutputOfType(SyncResultType);
        Assert.Equal(TenantCount * 3, plan.Count);
        Assert.All(plan, step => Assert.Equal(("Created", false), (step.Prop<string>("Action"), step.Prop<bool>("Applied"))));
        Assert.Equal(TenantCount, plan.Select(TenantOf).Distinct().Count());
        Assert.All(Tenants, tenant => Assert.Empty(Writes(tenant)));
    }

    [Fact]
    public async Task PruneAsksOnceForTheWholeFleetBeforeAnyWrite()
    {
        foreach (TenantEmulator tenant in Tenants)
        {
            await EmulatorRest.CreateClientAsync(tenant, new JsonObject { ["appType"] = "web", ["clientName"] = "stray", ["allowedGrantTypes"] = new JsonArray("client_credentials"), ["allowedScopes"] = new JsonArray("user_default") });
            tenant.ClearRequests();
        }

        // This runspace has no host to ask: the one question, for every tenant's removals, stops the sync before any write.
        RunResult result = Connected("Sync-QlikOAuthClient -Session $sessions -Definition $defs -Prune");

        result.AssertStoppedAtPrompt();
        Assert.DoesNotContain(result.Output, item => item.BaseObject.GetType().FullName == SyncResultType);
        Assert.All(Tenants, tenant => Assert.Empty(Writes(tenant)));
    }

    [Fact]
    public async Task TwoFailingTenantsGiveOneErrorEachNamingThemAndWhatTheyGotAndTheOthersConverge()
    {
        // Tenant 4 has alpha already, with another scope: the sync updates it, then its creates fail (503, the tenant is down).
        EmulatorRest.Client alpha = await EmulatorRest.CreateClientAsync(Tenants[4], new JsonObject { ["appType"] = "web", ["clientName"] = "alpha", ["allowedGrantTypes"] = new JsonArray("client_credentials"), ["allowedScopes"] = new JsonArray("admin_classic") });
        Shell.Run(ConnectScript + Definitions).AssertNoErrors();
        await Tenants[1].DisposeAsync(); // connected, then unreachable
        Tenants[4].InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", Method = "POST", Status = 503, Count = 100 });

        RunResult result = Shell.Run("Sync-QlikOAuthClient -Session $sessions -Definition $defs");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.StartsWith("SyncTenantFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal));
        string unreachable = Assert.Single(result.Errors, error => error.Exception.Message.Contains(Urls[1], StringComparison.Ordinal)).Exception.Message;
        Assert.Contains("Nothing was changed there", unreachable, StringComparison.Ordinal);
        string down = Assert.Single(result.Errors, error => error.Exception.Message.Contains(Urls[4], StringComparison.Ordinal)).Exception.Message;
        Assert.Contains($"updated 'alpha' ({alpha.ClientId})", down, StringComparison.Ordinal);
        Assert.Contains("at created 'beta'", down, StringComparison.Ordinal);
        foreach (int converged in new[] { 0, 2, 3, 5 })
        {
            Assert.Equal(["alpha", "beta", "gamma"], await ClientNamesAsync(Tenants[converged]));
            Assert.Equal(3, result.Output.Count(item => TenantOf(item) == Urls[converged] && item.Prop<string>("Action") == "Created"));
        }

        Assert.Equal(["alpha"], await ClientNamesAsync(Tenants[4]));
        Assert.Equal([("Updated", "alpha")], result.Output.Where(item => TenantOf(item) == Urls[4]).Select(item => (item.Prop<string>("Action"), item.Prop<string>("Name"))));
        Assert.Contains(result.Progress, progress => progress.StatusDescription.Contains($"of {TenantCount} tenants done", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnderErrorActionStopAFailedStepEndsTheCallOnlyAfterEveryTenantIsDoneAndShown()
    {
        Shell.Run(ConnectScript + Definitions).AssertNoErrors();
        // Tenant 0 refuses its first create (a 400 is that definition's own failure): its other steps and the other tenants go on.
        Tenants[0].InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", Method = "POST", Status = 400 });

        RunResult result = Shell.Run(
            "try { Sync-QlikOAuthClient -Session $sessions -Definition $defs -ThrottleLimit 6 -ErrorAction Stop -OutVariable shown | Out-Null } catch { $stop = $_ }\n" +
            "$stop.FullyQualifiedErrorId\n$shown");

        Assert.StartsWith("QlikApi.BadRequest,", (string)result.Output[0].BaseObject, StringComparison.Ordinal);
        IReadOnlyList<PSObject> shown = result.Output.Skip(1).ToList();
        Assert.Equal(TenantCount * 3 - 1, shown.Count);
        Assert.All(shown, created => Assert.NotNull(created.Prop<PSCredential>("Credential")));
        Assert.Equal(["beta", "gamma"], await ClientNamesAsync(Tenants[0]));
        foreach (TenantEmulator tenant in Tenants.Skip(1))
        {
            Assert.Equal(["alpha", "beta", "gamma"], await ClientNamesAsync(tenant));
        }
    }

    [Fact]
    public void ARateLimitOnOneTenantNeverPausesAnother()
    {
        Shell.Run(ConnectScript + Definitions).AssertNoErrors();
        // Tenant 0 allows one write per 4 s: its three creates wait out two 429s. The other tenants have no limit.
        Tenants[0].SetRateLimits(1000, 1, TimeSpan.FromSeconds(4));

        RunResult result = Shell.Run("Sync-QlikOAuthClient -Session $sessions -Definition $defs -ThrottleLimit 6");

        Assert.Equal(TenantCount * 3, result.OutputOfType(SyncResultType).Count);
        DateTimeOffset limitedFrom = Tenants[0].Requests.First(request => request.Status == 429).At;
        DateTimeOffset limitedDone = Writes(Tenants[0]).Max(request => request.At);
        DateTimeOffset othersDone = Tenants.Skip(1).SelectMany(Writes).Max(request => request.At);
        Assert.True(limitedDone - limitedFrom > TimeSpan.FromSeconds(3), $"the limited tenant was done {(limitedDone - limitedFrom).TotalSeconds:0.0} s after its first 429");
        Assert.True(othersDone < limitedFrom + TimeSpan.FromSeconds(2), $"the other tenants were done {(othersDone - limitedFrom).TotalSeconds:0.0} s after the first 429 of another");
    }

    [Fact]
    public void TheSameTenantTwiceIsRefusedBeforeAnyRequest()
    {
        RunResult result = Connected("Sync-QlikOAuthClient -Session ($sessions + $sessions[2]) -Definition $defs");

        // A cmdlet's terminating error ends its statement: the script's next statement would still run.
        Assert.StartsWith("SessionTenantRepeated,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.All(Tenants, tenant => Assert.DoesNotContain(tenant.Requests, request => request.Path.StartsWith("/api/v1/oauth-clients", StringComparison.Ordinal)));
    }
}
