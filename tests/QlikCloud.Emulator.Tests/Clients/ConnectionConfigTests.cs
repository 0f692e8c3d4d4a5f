using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Clients;

public sealed class ConnectionConfigTests : EmulatorTest
{
    private static string Path(string id) => $"/api/v1/oauth-clients/{id}/connection-configs/me";

    private async Task<string> ConsentAsync(string id) => (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, Path(id))))["consentMethod"]!;

    [Fact]
    public async Task GetShowsTheConsentMethod()
    {
        var (required, _) = await CreateM2MAsync(trusted: false);
        var (trusted, _) = await CreateM2MAsync(trusted: true);
        Assert.Equal("required", await ConsentAsync(required));
        Assert.Equal("trusted", await ConsentAsync(trusted));
    }

    [Theory]
    [InlineData("trusted")]
    [InlineData("required")]
    public async Task PatchSetsTheConsentMethod(string value)
    {
        var (id, _) = await CreateM2MAsync(trusted: value == "required");
        var response = await AdminAsync(HttpMethod.Patch, Path(id), $$"""[{"op":"replace","path":"/consentMethod","value":"{{value}}"}]""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(value, await ConsentAsync(id));
        Assert.Equal(value, (string)(await JsonAsync(await AdminAsync(HttpMethod.Get, $"/api/v1/oauth-clients/{id}")))["connectionConfig"]!["consentMethod"]!);
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"/consentMethod","value":"trusted"}""")]
    [InlineData("[]")]
    [InlineData("""[{"op":"add","path":"/consentMethod","value":"trusted"}]""")]
    [InlineData("""[{"op":"replace","path":"/status","value":"trusted"}]""")]
    [InlineData("""[{"op":"replace","path":"/consentMethod","value":"always"}]""")]
    public async Task InvalidPatchIs400(string body)
    {
        var (id, _) = await CreateM2MAsync(trusted: false);
        await AssertErrorAsync(await AdminAsync(HttpMethod.Patch, Path(id), body), HttpStatusCode.BadRequest, "HTTP-400");
        Assert.Equal("required", await ConsentAsync(id));
    }

    [Fact]
    public async Task DeleteReturnsToConsentRequired()
    {
        var (id, _) = await CreateM2MAsync(trusted: true);
        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(HttpMethod.Delete, Path(id))).StatusCode);
        Assert.Equal("required", await ConsentAsync(id));
    }

    [Fact]
    public async Task UnknownClientIs404()
    {
        await AssertErrorAsync(await AdminAsync(HttpMethod.Get, Path("0123456789abcdef0123456789abcdef")), HttpStatusCode.NotFound);
    }
}
