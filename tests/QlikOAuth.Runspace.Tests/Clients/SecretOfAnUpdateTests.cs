using System.Management.Automation;
using System.Net;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>
/// A change that enables client_secret makes the tenant show a new secret once (202). A later step of the same call
/// that fails (the consent PATCH) must not lose it: the object holding it is written before the error. A PATCH whose
/// answer is lost says a secret may exist and how to find it.
/// </summary>
public sealed class SecretOfAnUpdateTests : ClientTestBase
{
    /// <summary>A client that authenticates by key only, with consent Required; returns its id.</summary>
    private string ArrangeKeyOnlyClient()
    {
        RunResult arranged = Run($"(New-QlikOAuthKey -Path '{TempDir}/k.pem' -KeyId k1 | New-QlikOAuthClient -Name 'key only' -AuthenticationMethod PrivateKeyJwt).ClientId");
        arranged.AssertNoErrors();
        return arranged.Output.Single().ToString();
    }

    private void FailTheConsentStep(string clientId) =>
        Emulator.InjectFault(new FaultSpec { PathPrefix = $"/api/v1/oauth-clients/{clientId}/connection-configs/me", Method = "PATCH", Status = 403 });

    [Fact]
    public async Task SetWritesTheSecretItMadeBeforeTheErrorOfAFailedConsentStep()
    {
        string clientId = ArrangeKeyOnlyClient();
        FailTheConsentStep(clientId);

        RunResult result = Run($"Set-QlikOAuthClient -ClientId {clientId} -AuthenticationMethod ClientSecret, PrivateKeyJwt -ConsentMethod Trusted -PassThru 2>&1");

        Assert.Equal(2, result.Output.Count);
        PSObject client = result.Output[0];
        Assert.Equal(ClientType, client.BaseObject.GetType().FullName);
        Assert.NotNull(client.Prop<object>("ClientSecret"));
        ErrorRecord error = Assert.IsType<ErrorRecord>(result.Output[1].BaseObject);
        Assert.StartsWith("ClientUpdatedButIncomplete,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("in the output with its secret", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"Set-QlikOAuthConsent -ClientId {clientId}", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("required", await TenantConsentAsync(clientId));
        Emulator.SetRequireTrustedConsent(false);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, SecretOf(client)));
    }

    [Fact]
    public async Task SyncWritesTheSecretItsUpdateMadeBeforeTheErrorOfAFailedConsentStep()
    {
        string clientId = ArrangeKeyOnlyClient();
        FailTheConsentStep(clientId);

        RunResult result = Run(
            $"$d = (Export-QlikOAuthClient -ClientId {clientId}) -replace '\"private_key_jwt\"', '\"client_secret\", \"private_key_jwt\"' -replace '\"required\"', '\"trusted\"'\n" +
            "Sync-QlikOAuthClient -Definition $d 2>&1");

        Assert.Equal(2, result.Output.Count);
        PSObject updated = result.Output[0];
        Assert.Equal("Updated", updated.Prop<string>("Action"));
        Assert.NotNull(updated.Prop<PSCredential>("Credential"));
        ErrorRecord error = Assert.IsType<ErrorRecord>(result.Output[1].BaseObject);
        Assert.StartsWith("ClientUpdatedButIncomplete,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Emulator.SetRequireTrustedConsent(false);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, SecretOf(updated)));
    }

    [Fact]
    public void APatchThatMayHaveMadeASecretButLostItsAnswerSaysHowToFindIt()
    {
        string clientId = ArrangeKeyOnlyClient();
        Emulator.InjectFault(new FaultSpec { PathPrefix = $"/api/v1/oauth-clients/{clientId}", Method = "PATCH", DropAfterHandling = true });

        RunResult result = Run($"Set-QlikOAuthClient -ClientId {clientId} -AuthenticationMethod ClientSecret, PrivateKeyJwt -PassThru");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("ClientUpdateOutcomeUnknown,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains($"Get-QlikOAuthClientSecret -ClientId {clientId}", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Single(Emulator.Requests, request => request.Method == "PATCH" && request.Path == $"/api/v1/oauth-clients/{clientId}");
    }
}
