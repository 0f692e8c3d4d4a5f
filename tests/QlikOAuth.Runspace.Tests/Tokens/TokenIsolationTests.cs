using System.Net;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Two runspaces in one process, connected at the same time to two tenants: each issues on its own tenant.</summary>
public sealed class TokenIsolationTests : TokenTestBase
{
    private const string Script = """
        Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey | Out-Null
        $token = New-QlikOAuthClient -Name 'isolated' -Trusted | Get-QlikAccessToken
        $token.TenantUrl
        (Invoke-QlikRestMethod /api/v1/users/me -AccessToken $token).subject
        """;

    [Fact]
    public async Task EachRunspaceIssuesOnTheTenantItConnectedTo()
    {
        await using TenantEmulator otherTenant = await TenantEmulator.StartAsync(new EmulatorOptions { EnableTestControls = true });
        using var otherShell = new PowerShellSession();
        otherShell.SetVariable("TenantUrl", otherTenant.BaseUrl.ToString());
        otherShell.SetVariable("ApiKey", new NetworkCredential(string.Empty, otherTenant.AdminApiKey).SecurePassword);

        RunResult[] results = await Task.WhenAll(Task.Run(() => Shell.Run(Script)), Task.Run(() => otherShell.Run(Script)));

        foreach ((RunResult result, TenantEmulator tenant) in new[] { (results[0], Emulator), (results[1], otherTenant) })
        {
            result.AssertNoErrors();
            Assert.Equal(tenant.BaseUrl.GetLeftPart(UriPartial.Authority), ((Uri)result.Output[0].BaseObject).GetLeftPart(UriPartial.Authority));
            Assert.StartsWith(@"qlikbot\", (string)result.Output[1].BaseObject);
            Assert.Single(tenant.Requests, request => request.Path == "/oauth/token");
        }
    }
}
