using System.Management.Automation;
using System.Text.Json.Nodes;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Faults;

/// <summary>
/// Issue 11: no cmdlet surfaces a System.*, RuntimeException or NotSpecified error id. Together with the fault
/// matrix (the tenant misbehaving), this table walks the error paths of bad input, missing sessions, refused
/// credentials and unusable files, one line each, and checks every error the module writes.
/// </summary>
public sealed class ErrorPathTests : TenantTestBase
{
    /// <summary>Script, and the error id it must end in. Scripts see $Id and $Client (a trusted M2M client) and $Missing (a path that does not exist).</summary>
    public static readonly TheoryData<string, string> Paths = new()
    {
        { "Connect-QlikTenant -TenantUrl 'https://admin:pw@acme.eu.qlikcloud.com' -ApiKey $ApiKey", "TenantUrlWithCredentials" },
        { "Connect-QlikTenant -TenantUrl 'http://acme.eu.qlikcloud.com' -ApiKey $ApiKey", "InsecureTenantUrl" },
        { "Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey ([System.Net.NetworkCredential]::new('', 'wrong').SecurePassword)", "QlikApi.Unauthorized" },
        { "Connect-QlikTenant -TenantUrl 'http://127.0.0.1:1' -ApiKey $ApiKey -TimeoutSec 2", "QlikApi.ConnectionFailed" },
        { "Disconnect-QlikTenant; Get-QlikOAuthClient", "NoSession" },
        { "Get-QlikOAuthClient -ClientId 'no-such-client'", "QlikApi.NotFound" },
        { "Get-QlikOAuthClient -ClientId '..'", "InvalidClientId" },
        { "Remove-QlikOAuthClient -ClientId '.' -Force", "InvalidClientId" },
        { "Remove-QlikOAuthClientSecret -ClientId $Id -Hint '..' -Force", "InvalidSecretHint" },
        { "Set-QlikOAuthClient -ClientId $Id -Confirm:$false", "NothingToChange" },
        { "New-QlikOAuthClient -Name ('x' * 600)", "ClientNameTooLong" },
        { "New-QlikOAuthClient -Name 'arranged client'", "ClientNameExists" },
        { "New-QlikOAuthClient -Name 'with key' -PublicKey $Missing", "KeyFileNotFound" },
        { "New-QlikOAuthClientSecret -ClientId 'no-such-client' -Force", "QlikApi.NotFound" },
        { "Publish-QlikOAuthClient -ClientId 'no-such-client' -Confirm:$false", "QlikApi.NotFound" },
        { "Get-QlikAccessToken -Credential ([pscredential]::new($Id, ([System.Net.NetworkCredential]::new('', 'wrong').SecurePassword)))", "TokenRefused.InvalidClientCredentials" },
        { "Get-QlikAccessToken -ClientId $Id -PrivateKeyPath $Missing -KeyId k1", "KeyFileNotFound" },
        { "Get-QlikAccessToken", "MissingClient" },
        { "Get-QlikImpersonationToken -Credential $Client -Email 'nobody@example.com'", "UserNotFoundByEmail" },
        { "Get-QlikImpersonationToken -Credential $Client -Subject 'auth0|nobody'", "TokenRefused.UserNotFound" },
        { "Test-QlikOAuthClient -Credential $Client -TenantUrl 'https://admin:pw@acme.eu.qlikcloud.com'", "TenantUrlWithCredentials" },
        { "Invoke-QlikRestMethod /api/v1/oauth-clients -Method Post -Body '{not json'", "InvalidJsonBody" },
        { "Invoke-QlikRestMethod 'https://elsewhere.example.com/api/v1/users'", "QlikApi.ForeignLink" },
        { "Get-QlikAccessToken -Credential $Client | Revoke-QlikAccessToken -Credential ([pscredential]::new('other', ([System.Net.NetworkCredential]::new('', 'x').SecurePassword))) -Confirm:$false", "ClientIdMismatch" },
        { "$t = Get-QlikAccessToken -Credential $Client; Disconnect-QlikTenant; Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t", "SessionDisconnected" },
        { "New-QlikOAuthKey -Path ([System.IO.Path]::Combine($Missing, 'key.pem'))", "KeyFileUnwritable" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryErrorCarriesTheModulesId(string script, string expectedId)
    {
        EmulatorRest.Client client = await EmulatorRest.CreateClientAsync(Emulator, new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = "arranged client",
            ["allowedGrantTypes"] = new JsonArray("client_credentials", "urn:qlik:oauth:user-impersonation"),
            ["allowedScopes"] = new JsonArray("user_default"),
            ["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" },
        });
        Shell.SetVariable("Id", client.ClientId);
        Shell.SetVariable("Client", new PSCredential(client.ClientId, Secure(client.Secret)));
        Shell.SetVariable("Missing", Path.Combine(Path.GetTempPath(), "qlikoauth-missing-" + Guid.NewGuid().ToString("N")));

        RunResult result = RunConnected(script);

        IReadOnlyList<ErrorRecord> errors = result.Terminating is null ? result.Errors : [.. result.Errors, result.Terminating.ErrorRecord];
        ErrorRecord error = Assert.Single(errors);
        string id = error.FullyQualifiedErrorId.Split(',')[0];
        Assert.Equal(expectedId, id);
        Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(client.Secret, result.AllText(), StringComparison.Ordinal);
    }
}
