using System.Net;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Tokens;

public sealed class ScopeTests : EmulatorTest
{
    [Fact]
    public async Task OmittedScopeGrantsAllTheClientsScopes()
    {
        var (id, secret) = await CreateM2MAsync(scopes: ["user_default", "admin.apps", "admin_classic"]);
        Assert.Equal("user_default admin.apps admin_classic", (string)(await JsonAsync(await TokenAsync(ClientCredentials(id, secret))))["scope"]!);
    }

    [Theory]
    [InlineData("user_default", "user_default")]
    [InlineData("admin_classic user_default", "admin_classic user_default")]
    [InlineData("user_default  user_default", "user_default")]
    public async Task RequestedScopesNarrowTheGrant(string requested, string granted)
    {
        var (id, secret) = await CreateM2MAsync();
        Assert.Equal(granted, (string)(await JsonAsync(await TokenAsync(ClientCredentials(id, secret, requested))))["scope"]!);
    }

    [Theory]
    [InlineData("admin.apps", "admin.apps")]
    [InlineData("user_default offline_access", "offline_access")]
    [InlineData("admin_classic,user_default", "admin_classic,user_default")]
    [InlineData("   ", "no scope")]
    public async Task ScopeOutsideAllowedScopesIsOAuth6NamingIt(string requested, string named)
    {
        var (id, secret) = await CreateM2MAsync();
        await AssertOAuthErrorAsync(await TokenAsync(ClientCredentials(id, secret, requested)), HttpStatusCode.BadRequest, "OAUTH-6", "Invalid scope", named);
    }
}
