using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
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

    private CspOriginsApi Csp => new(Session.Connection, Session.Credential);

    private async Task<IReadOnlyList<EmbeddingFinding>> CheckAsync(OAuthClient client, string origin = App) =>
        await EmbeddingCheck.RunAsync(client, await new OAuthClientsApi(Session.Connection, Session.Credential).ConsentMethodOfAsync(client, CancellationToken.None), Csp, origin, CancellationToken.None);

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

    [Fact]
    public async Task DirectivesOfSeveralEntriesCountTogetherAsTheGeneratedHeaderCombinesThem()
    {
        OAuthClient client = await ClientAsync(true, App);
        await Csp.CreateAsync(new CspOriginSpec("custom-app.com", CspDirectives.ConnectSrc), CancellationToken.None);
        await Csp.CreateAsync(new CspOriginSpec(App, CspDirectives.FrameAncestors), CancellationToken.None);

        IReadOnlyList<EmbeddingFinding> findings = await CheckAsync(client);

        Assert.All(findings, f => Assert.True(f.Passed, f.ToString()));
    }

    [Fact]
    public async Task AMissingDirectiveIsAddedToTheNarrowestEntryThatAdmitsTheOrigin()
    {
        const string Sub = "https://app.custom-app.com";
        OAuthClient client = await ClientAsync(true, Sub);
        await Csp.CreateAsync(new CspOriginSpec("*.custom-app.com", CspDirectives.FrameAncestors), CancellationToken.None);
        CspOrigin exact = await Csp.CreateAsync(new CspOriginSpec(Sub, CspDirectives.ImgSrc), CancellationToken.None);

        var failed = Assert.Single(await CheckAsync(client, Sub), f => !f.Passed);

        Assert.Equal("CspConnectSrc", failed.Check);
        Assert.Equal($"Set-QlikCspOrigin -Id {exact.Id} -ConnectSrc", failed.Fix);
    }

    [Fact]
    public async Task EntriesTheCheckCannotReadAreNamedInAWarningAndTheOthersStillCount()
    {
        const string Origin = "https://example.com:8443";
        OAuthClient client = await ClientAsync(true, Origin);
        Emulator.InjectFault(new FaultSpec
        {
            PathPrefix = "/api/v1/csp-origins", Method = "GET", MalformedBody = true,
            MalformedBodyText = """{"data":[{"id":"c1","origin":"[::1]","frameAncestors":true},{"id":"c2","origin":"example.com:*","frameAncestors":true,"connectSrc":true},{"id":"c3","origin":"example.com:99999","connectSrc":true}],"links":{}}""",
        });
        var warnings = new List<string>();

        IReadOnlyList<EmbeddingFinding> findings;
        using (QlikLog.BeginScope((level, message) => { if (level == QlikLogLevel.Warning) { warnings.Add(message); } }, detailed: false))
        {
            findings = await CheckAsync(client, Origin);
        }

        Assert.All(findings, f => Assert.True(f.Passed, f.ToString()));
        string warning = Assert.Single(warnings);
        Assert.Contains("[::1] (id c1)", warning, StringComparison.Ordinal);
        Assert.Contains("example.com:99999 (id c3)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("c2", warning, StringComparison.Ordinal);
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
