using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Clients;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Sessions;

/// <summary>Objects made before a Disconnect-QlikTenant + Connect-QlikTenant: they stand for their tenant, never another.</summary>
public sealed class ReconnectTests : ClientTestBase
{
    [Fact]
    public async Task AnObjectOfADisconnectedSessionUsesTheCurrentSessionOfTheSameTenantAndSaysSo()
    {
        string clientId = await ArrangeClientAsync("kept");

        RunResult result = Run(
            "$c = Get-QlikOAuthClient -Name kept; Disconnect-QlikTenant; " + ConnectScript + " | Out-Null; " +
            "$c | Set-QlikOAuthConsent -PassThru -Verbose");

        Assert.Empty(result.Errors);
        PSObject changed = result.Single(ClientType);
        Assert.Equal("trusted", changed.Prop<string>("ConsentMethod"));
        Assert.True(PSObject.AsPSObject(changed.Prop<object>("Session")!).Prop<bool>("IsConnected"));
        Assert.Contains(result.Verbose, line => line.Message.Contains("was disconnected; using the current session", StringComparison.Ordinal));
        Assert.Equal("trusted", await TenantConsentAsync(clientId));
    }

    [Fact]
    public async Task AnotherTenantsSessionIsNeverUsedForAnObjectOfADisconnectedOne()
    {
        string clientId = await ArrangeClientAsync("stays");
        await using TenantEmulator other = await TenantEmulator.StartAsync();
        Shell.SetVariable("OtherUrl", other.BaseUrl.ToString());
        Shell.SetVariable("OtherKey", Secure(other.AdminApiKey));

        RunResult result = Run(
            "$c = Get-QlikOAuthClient -Name stays; Disconnect-QlikTenant; Connect-QlikTenant -TenantUrl $OtherUrl -ApiKey $OtherKey | Out-Null; " +
            "$c | Set-QlikOAuthConsent");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("SessionDisconnected,", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-QlikTenant -TenantUrl", error.Exception.Message);
        Assert.DoesNotContain(other.Requests, request => request.Path.Contains(clientId, StringComparison.Ordinal));
        Assert.Equal("required", await TenantConsentAsync(clientId));
    }
}
