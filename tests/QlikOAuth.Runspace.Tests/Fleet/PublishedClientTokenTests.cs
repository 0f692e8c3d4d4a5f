using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Fleet;

/// <summary>
/// Section 8.3: a client published with Publish-QlikOAuthClient keeps its id and credential on every tenant of the
/// region; its one credential gets a token from each tenant's own /oauth/token (-TenantUrl, or a session per tenant),
/// and each tenant's consent is its own.
/// </summary>
public sealed class PublishedClientTokenTests : FleetTestBase
{
    protected override int TenantCount => 3;

    protected override bool OneRegion => true;

    [Fact]
    public void OneCredentialGetsATokenFromEachTenantThatTrustsItAndEachTenantsConsentIsItsOwn()
    {
        RunResult result = Shell.Run(ConnectScript +
            "$published = New-QlikOAuthClient -Session $sessions[0] -Name 'published automation' -Scope user_default -Trusted\n" +
            "Publish-QlikOAuthClient -Session $sessions[0] -ClientId $published.ClientId\n" +
            "Set-QlikOAuthConsent -Session $sessions[1] -ClientId $published.ClientId -Method Trusted\n" +
            "Get-QlikAccessToken -TenantUrl $Urls[0] -Credential $published.Credential\n" +
            "Get-QlikAccessToken -Session $sessions[1] -Credential $published.Credential\n" +
            "Get-QlikAccessToken -TenantUrl $Urls[2] -Credential $published.Credential");

        Assert.Equal([Urls[0], Urls[1]], result.Output.Select(token => token.Prop<Uri>("TenantUrl")!.GetLeftPart(UriPartial.Authority)));
        Assert.All(result.Output, token => Assert.Equal(result.Output[0].Prop<string>("ClientId"), token.Prop<string>("ClientId")));
        Assert.Equal(2, Tenants.Take(2).Count(tenant => tenant.Requests.Any(request => request.Path == "/oauth/token" && request.Status == 200)));
        // Tenant 2 never trusted it: its own consent refuses the token, whatever the others said.
        ErrorRecord refused = Assert.Single(result.Errors);
        Assert.Contains(Tenants[2].Requests, request => request.Path == "/oauth/token" && request.Status == 403);
        Assert.StartsWith("TokenRefused.", refused.FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
