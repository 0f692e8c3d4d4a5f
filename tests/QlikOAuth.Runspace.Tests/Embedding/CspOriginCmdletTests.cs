using System.Net.Http.Json;
using System.Text.Json.Nodes;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Embedding;

/// <summary>Get-, New-, Set- and Remove-QlikCspOrigin: directive switches, filters, pipeline, -WhatIf and the refusals.</summary>
public sealed class CspOriginCmdletTests : TenantTestBase
{
    public const string EntryType = "QlikOAuth.QlikCspOrigin";

    private async Task<string> ArrangeEntryAsync(string origin, string name, params string[] directives)
    {
        using HttpClient http = EmulatorRest.AdminHttp(Emulator);
        var body = new JsonObject { ["origin"] = origin, ["name"] = name };
        foreach (string directive in directives)
        {
            body[directive] = true;
        }

        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/csp-origins", body);
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private async Task<JsonArray> TenantEntriesAsync()
    {
        using HttpClient http = EmulatorRest.AdminHttp(Emulator);
        return JsonNode.Parse(await http.GetStringAsync("/api/v1/csp-origins?limit=100"))!["data"]!.AsArray();
    }

    [Fact]
    public async Task NewAddsTheOriginWithTheDirectivesSwitchedOn()
    {
        RunResult result = RunConnected("New-QlikCspOrigin -Origin https://custom-app.com -Name 'web app' -FrameAncestors -ConnectSrc");

        var entry = result.Single(EntryType);
        Assert.Equal("https://custom-app.com", entry.Prop<string>("Origin"));
        Assert.True(entry.Prop<bool>("FrameAncestors"));
        Assert.True(entry.Prop<bool>("ConnectSrc"));
        JsonNode stored = Assert.Single(await TenantEntriesAsync())!;
        Assert.True((bool)stored["frameAncestors"]!);
        Assert.False((bool)stored["scriptSrc"]!);
    }

    [Fact]
    public async Task NewRefusesNoDirectiveABadOriginAndDoesNothingWithWhatIf()
    {
        RunResult none = RunConnected("New-QlikCspOrigin -Origin https://custom-app.com");
        Assert.Equal("CspDirectiveRequired,QlikOAuth.Commands.NewQlikCspOriginCommand", Assert.Single(none.Errors).FullyQualifiedErrorId);

        RunResult bad = RunConnected("New-QlikCspOrigin -Origin https://custom-app.com/app -FrameAncestors");
        var error = Assert.Single(bad.Errors);
        Assert.Equal("InvalidCspOrigin,QlikOAuth.Commands.NewQlikCspOriginCommand", error.FullyQualifiedErrorId);
        Assert.Contains("no path", error.Exception.Message, StringComparison.Ordinal);

        RunResult whatIf = RunConnected("New-QlikCspOrigin -Origin https://custom-app.com -FrameAncestors -WhatIf");
        whatIf.AssertNoErrors();
        Assert.Empty(await TenantEntriesAsync());
    }

    [Fact]
    public async Task GetFiltersByOriginNameAndDirective()
    {
        await ArrangeEntryAsync("https://a.com", "Portal A", "frameAncestors", "connectSrc");
        await ArrangeEntryAsync("https://b.com", "Portal B", "imgSrc");
        await ArrangeEntryAsync("https://c.com", "Other", "frameAncestors");

        Assert.Equal(3, RunConnected("Get-QlikCspOrigin").OutputOfType(EntryType).Count);
        Assert.Equal("https://b.com", RunConnected("Get-QlikCspOrigin -Origin HTTPS://B.com").Single(EntryType).Prop<string>("Origin"));
        Assert.Equal(2, RunConnected("Get-QlikCspOrigin -Name portal*").OutputOfType(EntryType).Count);
        Assert.Equal("https://a.com", RunConnected("Get-QlikCspOrigin -FrameAncestors -ConnectSrc").Single(EntryType).Prop<string>("Origin"));

        RunResult missing = RunConnected("Get-QlikCspOrigin -Origin https://nowhere.com");
        Assert.Equal("CspOriginNotFound,QlikOAuth.Commands.GetQlikCspOriginCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task SetTurnsNamedDirectivesOnOrOffAndKeepsTheRest()
    {
        string id = await ArrangeEntryAsync("https://custom-app.com", "app", "frameAncestors", "scriptSrc");

        RunResult result = RunConnected("Get-QlikCspOrigin -Origin https://custom-app.com | Set-QlikCspOrigin -ConnectSrc -ScriptSrc:$false -PassThru");

        var entry = result.Single(EntryType);
        Assert.Equal(id, entry.Prop<string>("Id"));
        Assert.Equal("ConnectSrc, FrameAncestors", entry.Prop<string>("Directives"));
        JsonNode stored = Assert.Single(await TenantEntriesAsync())!;
        Assert.Equal("app", (string?)stored["name"]);
        Assert.False((bool)stored["scriptSrc"]!);
    }

    [Fact]
    public async Task RemoveAsksUnlessForcedAndWhatIfWins()
    {
        await ArrangeEntryAsync("https://a.com", "a", "frameAncestors");
        await ArrangeEntryAsync("https://b.com", "b", "frameAncestors");

        Assert.True(RunConnected("Get-QlikCspOrigin -Origin https://a.com | Remove-QlikCspOrigin").HadErrors);
        RunConnected("Get-QlikCspOrigin | Remove-QlikCspOrigin -Force -WhatIf").AssertNoErrors();
        Assert.Equal(2, (await TenantEntriesAsync()).Count);

        RunConnected("Get-QlikCspOrigin -Origin https://a.com | Remove-QlikCspOrigin -Force").AssertNoErrors();
        Assert.Equal("https://b.com", (string?)Assert.Single(await TenantEntriesAsync())!["origin"]);
    }
}
