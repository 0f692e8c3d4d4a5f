using System.Management.Automation;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Embedding;

/// <summary>-AddCspOrigin on New-/Set-QlikOAuthClient (through ShouldProcess) and Test-QlikOAuthClient -Origin.</summary>
public sealed class EmbeddingSetupTests : TenantTestBase
{
    private const string App = "https://custom-app.com";

    private async Task<JsonArray> CspEntriesAsync()
    {
        using HttpClient http = EmulatorRest.AdminHttp(Emulator);
        return JsonNode.Parse(await http.GetStringAsync("/api/v1/csp-origins"))!["data"]!.AsArray();
    }

    [Fact]
    public async Task NewClientWithAddCspOriginAllowsEachOriginForEmbedding()
    {
        RunResult result = RunConnected($"New-QlikOAuthClient -Name embed -Impersonation -AllowedOrigin {App}, https://other.example.com -Trusted -AddCspOrigin");

        result.Single("QlikOAuth.QlikOAuthClient");
        JsonArray entries = await CspEntriesAsync();
        Assert.Equal(new[] { App, "https://other.example.com" }, entries.Select(e => (string)e!["origin"]!));
        Assert.All(entries, e => Assert.True((bool)e!["frameAncestors"]! && (bool)e["connectSrc"]!));
    }

    [Fact]
    public async Task AddCspOriginIsNeverSilentWhatIfChangesNothingAndNoOriginIsRefused()
    {
        RunResult whatIf = RunConnected($"New-QlikOAuthClient -Name embed -Impersonation -AllowedOrigin {App} -AddCspOrigin -WhatIf");
        whatIf.AssertNoErrors();
        Assert.Empty(await CspEntriesAsync());
        Assert.DoesNotContain(RequestsAfterConnect(), request => request.Method != "GET");

        RunResult noOrigin = RunConnected("New-QlikOAuthClient -Name embed -Impersonation -AddCspOrigin");
        Assert.Equal("AddCspOriginWithoutOrigin,QlikOAuth.Commands.NewQlikOAuthClientCommand", Assert.Single(noOrigin.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task SetClientWithAddCspOriginAloneWidensTheExistingEntryOfTheClientsOrigins()
    {
        RunConnected($"New-QlikCspOrigin -Origin {App} -ImgSrc; $global:App = New-QlikOAuthClient -Name embed -Impersonation -AllowedOrigin {App} -Trusted").AssertNoErrors();

        RunResult result = RunConnected("Set-QlikOAuthClient -ClientId $App.ClientId -AddCspOrigin -Verbose");

        result.AssertNoErrors();
        Assert.Contains(result.Verbose, record => record.Message.Contains("now allows", StringComparison.Ordinal));
        JsonNode entry = Assert.Single(await CspEntriesAsync())!;
        Assert.True((bool)entry["imgSrc"]! && (bool)entry["frameAncestors"]! && (bool)entry["connectSrc"]!);
        Assert.DoesNotContain(RequestsAfterConnect(), request => request.Method == "PATCH");
    }

    [Fact]
    public void TestClientWithOriginNamesEachMissingPieceAndPassesOnceFixed()
    {
        RunConnected($"$global:App = New-QlikOAuthClient -Name embed -Impersonation -AllowedOrigin https://other.example.com -Trusted").AssertNoErrors();

        PSObject failing = RunConnected($"Test-QlikOAuthClient -Credential $App.Credential -UserId {EmulatorDefaults.AliceId} -Origin {App}").Single("QlikOAuth.QlikOAuthClientTestResult");
        Assert.False(failing.Prop<bool>("Success"));
        string message = failing.Prop<string>("Message")!;
        Assert.Contains("Set-QlikOAuthClient", message, StringComparison.Ordinal);
        Assert.Contains("New-QlikCspOrigin", message, StringComparison.Ordinal);
        var failed = failing.Prop<object[]>("OriginChecks")!.Select(PSObject.AsPSObject).Where(f => !f.Prop<bool>("Passed")).Select(f => f.Prop<string>("Check"));
        Assert.Equal(new[] { "AllowedOrigin", "CspOrigin", "CspFrameAncestors", "CspConnectSrc" }, failed);

        RunConnected($"Set-QlikOAuthClient -ClientId $App.ClientId -AllowedOrigin {App} -AddCspOrigin").AssertNoErrors();
        PSObject passing = RunConnected($"Test-QlikOAuthClient -Credential $App.Credential -UserId {EmulatorDefaults.AliceId} -Origin {App}").Single("QlikOAuth.QlikOAuthClientTestResult");
        Assert.True(passing.Prop<bool>("Success"), passing.Prop<string>("Message"));
        Assert.Equal(App, passing.Prop<string>("Origin"));
    }

    [Fact]
    public void ATenantEntryTheCheckCannotReadIsNamedInAWarningNotACrash()
    {
        RunConnected($"$global:App = New-QlikOAuthClient -Name embed -Impersonation -AllowedOrigin {App} -Trusted").AssertNoErrors();
        Emulator.InjectFault(new FaultSpec
        {
            PathPrefix = "/api/v1/csp-origins", Method = "GET", MalformedBody = true,
            MalformedBodyText = """{"data":[{"id":"c1","origin":"[::1]","frameAncestors":true},{"id":"c2","origin":"custom-app.com:*","frameAncestors":true,"connectSrc":true}],"links":{}}""",
        });

        RunResult result = RunConnected($"Test-QlikOAuthClient -Credential $App.Credential -UserId {EmulatorDefaults.AliceId} -Origin {App}");

        PSObject passing = result.Single("QlikOAuth.QlikOAuthClientTestResult");
        Assert.True(passing.Prop<bool>("Success"), passing.Prop<string>("Message"));
        Assert.Contains("[::1] (id c1)", Assert.Single(result.Warnings).Message, StringComparison.Ordinal);
    }
}
