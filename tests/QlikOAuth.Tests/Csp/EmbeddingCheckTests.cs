using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Csp;

/// <summary>Whether a browser at an origin can use a client: each missing piece found, with its fix.</summary>
public sealed class EmbeddingCheckTests : TenantFixture
{
    private const string App = "https://custom-app.com";

    private async Task<OAuthClient> ClientAsync(bool trusted, params string[] origins)
    {
        var created = await new OAuthClientsApi(Session.Connection, Session.Credential).CreateAsync(
            new ClientDefinition { ClientName = "embed", AllowedGrantTypes = [GrantTypes.UserImpersonation], AllowedOrigins = origins, ConsentMethod = trusted ? "trusted" : null }, CancellationToken.None);
        return created.Client;
    }

    private async Task<IReadOnlyList<EmbeddingFinding>> CheckAsync(OAuthClient client) =>
        await EmbeddingCheck.RunAsync(client, await new OAuthClientsApi(Session.Connection, Session.Credential).ConsentMethodOfAsync(client, CancellationToken.None), new CspOriginsApi(Session.Connection, Session.Credential), App, CancellationToken.None);

    [Fact]
    public async Task EverythingInPlacePassesEveryCheck()
    {
        OAuthClient client = await ClientAsync(true, App);
        await new CspOriginsApi(Session.Connection, Session.Credential).CreateAsync(new CspOriginSpec("custom-app.com", CspDirectives.Embedding), CancellationToken.None);
        IReadOnlyList<EmbeddingFinding> findings = await CheckAsync(client);
        Assert.All(findings, f => Assert.True(f.Passed, f.ToString()));
        Assert.Equal(new[] { "Grant", "Consent", "AllowedOrigin", "CspOrigin", "CspFrameAncestors", "CspConnectSrc" }, findings.Select(f => f.Check));
    }

    [Fact]
    public async Task EachMissingPieceIsAFindingWithItsFix()
    {
        OAuthClient client = await ClientAsync(false, "https://other-app.com");
        CspOrigin entry = await new CspOriginsApi(Session.Connection, Session.Credential).CreateAsync(new CspOriginSpec(App, CspDirectives.ConnectSrc), CancellationToken.None);
        var failed = (await CheckAsync(client)).Where(f => !f.Passed).ToDictionary(f => f.Check);

        Assert.Equal(new[] { "Consent", "AllowedOrigin", "CspFrameAncestors" }, failed.Keys.OrderBy(k => k == "Consent" ? 0 : k == "AllowedOrigin" ? 1 : 2));
        Assert.Contains("Set-QlikOAuthConsent", failed["Consent"].Fix, StringComparison.Ordinal);
        Assert.Contains($"-AllowedOrigin https://other-app.com,{App}", failed["AllowedOrigin"].Fix, StringComparison.Ordinal);
        Assert.Contains($"Set-QlikCspOrigin -Id {entry.Id} -FrameAncestors", failed["CspFrameAncestors"].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCspEntryFailsTheEntryAndBothDirectives()
    {
        OAuthClient client = await ClientAsync(true, App);
        var failed = (await CheckAsync(client)).Where(f => !f.Passed).Select(f => f.Check);
        Assert.Equal(new[] { "CspOrigin", "CspFrameAncestors", "CspConnectSrc" }, failed);
    }

    [Theory]
    [InlineData("custom-app.com")]
    [InlineData("https://custom-app.com/page")]
    [InlineData("ftp://custom-app.com")]
    public void AnOriginThatIsNotABrowsersIsRefused(string origin)
    {
        var refused = Assert.Throws<QlikValidationException>(() => EmbeddingCheck.BrowserOrigin(origin));
        Assert.Equal(CspErrors.InvalidCspOrigin, refused.ErrorId);
    }
}
