using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Browser;

/// <summary>
/// The embedding proved in a real browser (headless Chromium): a page on an allowed loopback origin calls the tenant
/// with an impersonation token from Get-QlikImpersonationToken. It sees the user when the client allows the origin
/// and the CSP list has it (both set up by the cmdlets), a failure when the origin is missing, and a failure once
/// Revoke-QlikOAuthToken signed the user out.
/// </summary>
public sealed class RealBrowserTests : TenantTestBase, IAsyncLifetime
{
    private EmbeddingPage _page = null!;

    // IAsyncLifetime is declared again so that xunit calls these, which extend the base class's tenant and runspace with the page.

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _page = await EmbeddingPage.StartAsync();
    }

    /// <summary>An impersonation client set up the module's way, and a token of Alice in plain text for the page.</summary>
    private string AliceTokenFromClientAllowing(string origin)
    {
        Shell.SetVariable("Origin", origin);
        RunResult result = RunConnected($"""
            $app = New-QlikOAuthClient -Name 'Embedded analytics' -Impersonation -AllowedOrigin $Origin -Trusted -AddCspOrigin
            (Get-QlikImpersonationToken -Credential $app.Credential -UserId {EmulatorDefaults.AliceId} -AsPlainText).AccessToken
            """);
        result.AssertNoErrors();
        return (string)result.Output.Last().BaseObject;
    }

    private async Task<string> PageResultAsync(string token) =>
        EmbeddingPage.Result(await Chromium.DumpDomAsync(_page.Serve(Emulator.BaseUrl, token)));

    [BrowserFact]
    public async Task ThePageSeesTheUsersNameWhenOriginAndCspAreSet()
    {
        string token = AliceTokenFromClientAllowing(_page.Origin);

        Assert.Equal("user: Alice", await PageResultAsync(token));
        Assert.Contains(Emulator.Requests, request => request.Method == "OPTIONS" && request.Path == "/api/v1/users/me");
    }

    [BrowserFact]
    public async Task ThePageSeesAFailureWhenTheOriginIsMissing()
    {
        string token = AliceTokenFromClientAllowing("https://some-other-app.example.com");

        Assert.StartsWith("failed: TypeError", await PageResultAsync(token), StringComparison.Ordinal);
        Assert.Contains(Emulator.Requests, request => request.Method == "OPTIONS" && request.Status == 403);
    }

    [BrowserFact]
    public async Task ThePageSeesAFailureAfterTheUserIsSignedOut()
    {
        string token = AliceTokenFromClientAllowing(_page.Origin);
        Assert.Equal("user: Alice", await PageResultAsync(token));

        RunConnected($"Revoke-QlikOAuthToken -UserId {EmulatorDefaults.AliceId} -Force").AssertNoErrors();

        Assert.Equal("failed: HTTP 401", await PageResultAsync(token));
    }

    public new async Task DisposeAsync()
    {
        await _page.DisposeAsync();
        await base.DisposeAsync();
    }
}
