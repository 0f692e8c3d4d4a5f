using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>
/// What Sync-QlikOAuthClient -Prune may delete: only clients a definition could describe (Export's rule; every app type
/// is describable since issue 25), never the client the session signs in with, each client left alone named in a warning; and a definition whose name belongs to
/// a client of another app type is an error for that definition, never an update.
/// </summary>
public sealed class SyncPruneLimitsTests : ClientTestBase
{
    private const string Definitions = "$defs = @(" +
        "'{\"schemaVersion\":1,\"clientName\":\"kept\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}'" +
        ")\n";

    [Fact]
    public async Task PruneRemovesAClientOfEveryAppTypeNoDefinitionNames()
    {
        string spa = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, "spa", "portal");
        string native = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, "native", "desktop app");
        string stray = await ArrangeClientAsync("stray");

        RunResult result = Run(Definitions + "Sync-QlikOAuthClient -Definition $defs -Prune -Force");

        result.AssertNoErrors();
        Assert.Equal(
            [("Created", "kept"), ("Removed", "desktop app"), ("Removed", "portal"), ("Removed", "stray")],
            result.Output.Select(item => (item.Prop<string>("Action"), item.Prop<string>("Name"))).OrderBy(pair => pair.Item1 + pair.Item2, StringComparer.Ordinal));
        Assert.Null(await TenantClientAsync(stray));
        Assert.Null(await TenantClientAsync(spa));
        Assert.Null(await TenantClientAsync(native));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task APruneThroughAnOAuthClientSessionKeepsTheSessionsClientAndLaterCallsWork()
    {
        EmulatorRest.Client admin = await EmulatorRest.CreateAdminClientAsync(Emulator, "automation admin");
        string stray = await ArrangeClientAsync("stray");
        Shell.SetVariable("AdminCredential", new PSCredential(admin.ClientId, Secure(admin.Secret)));

        RunResult result = RunUnconnected(
            "Connect-QlikTenant -TenantUrl $TenantUrl -Credential $AdminCredential | Out-Null\n" + Definitions +
            "Sync-QlikOAuthClient -Definition $defs -Prune -Force\n" +
            "(Get-QlikOAuthClient).Name");

        result.AssertNoErrors();
        Assert.Equal(["Created", "Removed"], result.Output.Take(2).Select(item => item.Prop<string>("Action")));
        Assert.Equal(stray, result.Output[1].Prop<string>("ClientId"));
        Assert.Equal(["automation admin", "kept"], result.Output.Skip(2).Select(item => item.ToString()).Order());
        Assert.NotNull(await TenantClientAsync(admin.ClientId));
        WarningRecord warning = Assert.Single(result.Warnings);
        Assert.Contains($"'automation admin' ({admin.ClientId})", warning.Message, StringComparison.Ordinal);
        Assert.Contains("signs in with", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADefinitionNamingAClientOfAnotherAppTypeIsAnErrorAndTheOtherDefinitionsGoOn()
    {
        string spa = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, "spa", "portal");

        RunResult result = Run(Definitions +
            "$defs += '{\"schemaVersion\":1,\"clientName\":\"portal\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}'\n" +
            "Sync-QlikOAuthClient -Definition $defs");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("DefinitionMatchesOtherAppType,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains($"'portal' ({spa})", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("app type 'spa'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Rename", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal([("Created", "kept")], result.Output.Select(item => (item.Prop<string>("Action"), item.Prop<string>("Name"))));
        Assert.DoesNotContain(Emulator.Requests, request => request.Path.StartsWith($"/api/v1/oauth-clients/{spa}", StringComparison.Ordinal) && request.Method != "GET");
    }
}
