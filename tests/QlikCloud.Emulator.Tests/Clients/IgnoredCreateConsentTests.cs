using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

/// <summary>IgnoreConsentAtCreate: the create takes connectionConfig but leaves consent required; the consent call sets it.</summary>
public sealed class IgnoredCreateConsentTests : EmulatorTest
{
    protected override EmulatorOptions Options => new() { IgnoreConsentAtCreate = true };

    [Fact]
    public async Task ATrustedCreateStartsRequiredUntilTheConsentCall()
    {
        var client = await CreateClientAsync(WebClient("late"));
        var id = (string)client["clientId"]!;

        Assert.Equal("required", (string)client["connectionConfig"]!["consentMethod"]!);
        var patched = await AdminAsync(HttpMethod.Patch, $"/api/v1/oauth-clients/{id}/connection-configs/me", """[{"op":"replace","path":"/consentMethod","value":"trusted"}]""");
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal("trusted", (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}")))["connectionConfig"]!["consentMethod"]!);
    }
}
