using System.Management.Automation;
using System.Text.Json;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Set-QlikOAuthConsent by id, by piped client object, and its -PassThru that keeps the new client's secret.</summary>
public sealed class SetQlikOAuthConsentTests : ClientTestBase
{
    [Fact]
    public async Task ByIdTheDefaultMethodIsTrustedAndPassThruReadsTheClientBack()
    {
        string clientId = await ArrangeClientAsync("by id");

        RunResult result = Run($"Set-QlikOAuthConsent -ClientId {clientId} -PassThru");

        PSObject client = result.Single(ClientType);
        Assert.Equal("trusted", client.Prop<string>("ConsentMethod"));
        Assert.Null(client.Prop<PSCredential>("Credential"));
        Assert.Equal("trusted", await TenantConsentAsync(clientId));
    }

    [Fact]
    public async Task RequiredTurnsConsentBackAndWithoutPassThruNothingIsEmitted()
    {
        string clientId = await ArrangeClientAsync("back", trusted: true);

        RunResult result = Run($"Set-QlikOAuthConsent {clientId} -Method Required");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Equal("required", await TenantConsentAsync(clientId));
    }

    [Fact]
    public async Task AConsentMethodTheClientHasAlreadySendsNoPatchAndSaysSo()
    {
        string clientId = await ArrangeClientAsync("already", trusted: true);
        Emulator.ClearRequests();

        RunResult result = Run($"Set-QlikOAuthConsent -ClientId {clientId} -Method Trusted -PassThru -Verbose");

        Assert.Empty(result.Errors);
        Assert.Equal("trusted", result.Single(ClientType).Prop<string>("ConsentMethod"));
        Assert.DoesNotContain(Emulator.Requests, request => request.Method == "PATCH");
        Assert.Contains(result.Verbose, line => line.Message.Contains("has consent method Trusted already; nothing was sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APipedClientComesOutAsTheTenantHasItNowWithItsSecretAndTheInputIsUnchanged()
    {
        RunResult result = Run(
            "$new = New-QlikOAuthClient -Name chained\n$out = $new | Set-QlikOAuthConsent -PassThru\n" +
            "[object]::ReferenceEquals($new, $out); $new.ConsentMethod; $new; $out");

        Assert.False((bool)result.Output[0].BaseObject);
        Assert.Equal("required", result.Output[1].BaseObject);
        PSObject input = result.Output[2], client = result.Output[3];
        Assert.Equal("trusted", client.Prop<string>("ConsentMethod"));
        using (JsonDocument raw = JsonDocument.Parse(client.Prop<string>("RawJson")!))
        {
            Assert.Equal("trusted", raw.RootElement.GetProperty("connectionConfig").GetProperty("consentMethod").GetString());
        }

        Assert.Contains("\"required\"", input.Prop<string>("RawJson"));
        Assert.Equal(client.Prop<string>("ClientId"), client.Prop<PSCredential>("Credential")!.UserName);
        Assert.Equal(SecretOf(input), SecretOf(client));
        Assert.Equal("trusted", await TenantConsentAsync(client.Prop<string>("ClientId")!));
    }

    [Fact]
    public async Task PipedIdsBindByPropertyNameAndAnUnknownOneDoesNotStopTheNext()
    {
        string first = await ArrangeClientAsync("first");
        string second = await ArrangeClientAsync("second");

        RunResult result = Run($"'{first}', 'nosuchclient', '{second}' | ForEach-Object {{ [pscustomobject]@{{ ClientId = $_ }} }} | Set-QlikOAuthConsent");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("QlikApi.NotFound,QlikOAuth.Commands.SetQlikOAuthConsentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("trusted", await TenantConsentAsync(first));
        Assert.Equal("trusted", await TenantConsentAsync(second));
    }

    [Fact]
    public async Task WhatIfSendsNothing()
    {
        string clientId = await ArrangeClientAsync("dry");

        RunResult result = Run($"Set-QlikOAuthConsent -ClientId {clientId} -WhatIf -PassThru");

        Assert.Empty(result.Output);
        Assert.Empty(RequestsAfterConnect());
        Assert.Equal("required", await TenantConsentAsync(clientId));
    }
}
