using System.Management.Automation;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Clients;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Credentials;

/// <summary>
/// Update-QlikOAuthClientSecret: add, prove, emit, remove the replaced secret; refusals before any change; a failed
/// proof that leaves the old secret working; and the new secret reaching the user whenever it stays.
/// </summary>
public sealed class SecretRotationTests : ClientTestBase
{
    [Fact]
    public async Task TheOnlySecretIsReplacedByOneThatWorks()
    {
        (string clientId, string oldSecret) = await ArrangeClientWithSecretAsync("rotated", trusted: true);

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -Force");

        PSObject rotated = result.Single(SecretType);
        Assert.Equal(clientId, rotated.Prop<PSCredential>("Credential")!.UserName);
        Assert.Equal(new[] { rotated.Prop<string>("Hint") }, await HintsAsync(clientId));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, SecretOf(rotated)));
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(clientId, oldSecret));
    }

    [Fact]
    public async Task TheSecretOfTheCredentialIsReplacedAndTheOthersKept()
    {
        (string clientId, string oldSecret) = await ArrangeClientWithSecretAsync("credential", trusted: true);
        Shell.SetVariable("Old", new PSCredential(clientId, Secure(oldSecret)));

        RunResult result = Run(
            $"$other = New-QlikOAuthClientSecret -ClientId {clientId} -Force\n" +
            "$other.Hint\n" +
            "Update-QlikOAuthClientSecret -Credential $Old -Confirm:$false | Get-QlikAccessToken -NoCache | ForEach-Object ClientId");

        result.AssertNoErrors();
        string otherHint = (string)result.Output[0].BaseObject;
        Assert.Equal(clientId, (string)result.Output[1].BaseObject);
        string[] hints = await HintsAsync(clientId);
        Assert.Equal(2, hints.Length);
        Assert.Contains(otherHint, hints);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(clientId, oldSecret));
    }

    [Fact]
    public async Task AListedSecretPipesInAsTheOneToReplace()
    {
        (string clientId, string first) = await ArrangeClientWithSecretAsync("listed rotation", trusted: true);

        RunResult result = Run(
            $"$second = New-QlikOAuthClientSecret -ClientId {clientId} -Force\n" +
            $"Get-QlikOAuthClientSecret -ClientId {clientId} | Where-Object Hint -eq $second.Hint | Update-QlikOAuthClientSecret -Force | ForEach-Object Hint\n" +
            "$second.Hint");

        result.AssertNoErrors();
        string[] hints = await HintsAsync(clientId);
        Assert.Equal(new[] { first[^5..], (string)result.Output[0].BaseObject }, hints);
        Assert.DoesNotContain((string)result.Output[1].BaseObject, hints);
    }

    [Fact]
    public async Task SeveralSecretsAndNothingNamingOneIsRefusedBeforeAnyChange()
    {
        string clientId = await ArrangeClientAsync("unclear", trusted: true);
        RunConnected($"New-QlikOAuthClientSecret -ClientId {clientId} -Force | Out-Null").AssertNoErrors();
        Emulator.ClearRequests();

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -Force; Update-QlikOAuthClientSecret -ClientId {clientId} -Hint zzzzz -Force");

        Assert.Empty(result.Output);
        Assert.Equal(
            new[] { "RotationTargetUnclear,QlikOAuth.Commands.UpdateQlikOAuthClientSecretCommand", "SecretHintNotFound,QlikOAuth.Commands.UpdateQlikOAuthClientSecretCommand" },
            result.Errors.Select(error => error.FullyQualifiedErrorId));
        Assert.Contains("-Hint", result.Errors[0].Exception.Message);
        Assert.DoesNotContain(Emulator.Requests, request => request.Method != "GET" && request.Path.StartsWith("/api/v1/oauth-clients", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AtFiveSecretsItRefusesBeforeAddingAndNamesTheOldest()
    {
        string clientId = await ArrangeClientAsync("full", trusted: true);
        string oldest = (await HintsAsync(clientId))[0];
        RunConnected($"1..4 | ForEach-Object {{ New-QlikOAuthClientSecret -ClientId {clientId} -Force }} | Out-Null").AssertNoErrors();

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -KeepOld -Force");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("ClientSecretLimitReached,QlikOAuth.Commands.UpdateQlikOAuthClientSecretCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint {oldest}", error.Exception.Message);
        Assert.Equal(5, (await HintsAsync(clientId)).Length);
    }

    [Fact]
    public async Task AFailedProofRemovesTheNewSecretAndKeepsTheOld()
    {
        (string clientId, string oldSecret) = await ArrangeClientWithSecretAsync("untrusted", trusted: false);
        string[] before = await HintsAsync(clientId);

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -Force");

        Assert.Empty(result.Output);
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("RotationProofFailed,QlikOAuth.Commands.UpdateQlikOAuthClientSecretCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Set-QlikOAuthConsent", error.Exception.Message);
        Assert.Contains("removed again", error.Exception.Message);
        Assert.Equal(before, await HintsAsync(clientId));
        Emulator.SetRequireTrustedConsent(false);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, oldSecret));
    }

    [Fact]
    public async Task ANewSecretThatCannotBeRemovedAfterAFailedProofReachesTheUser()
    {
        string clientId = await ArrangeClientAsync("stuck", trusted: false);
        Emulator.InjectFault(new FaultSpec { PathPrefix = $"/api/v1/oauth-clients/{clientId}/client-secrets/", Method = "DELETE", Status = 403 });

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -Force");

        PSObject kept = Assert.Single(result.Output);
        Assert.Equal(SecretType, kept.BaseObject.GetType().FullName);
        Assert.Contains(kept.Prop<string>("Hint"), await HintsAsync(clientId));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("RotationProofFailed,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("stays on the client and is in the output", error.Exception.Message);
        Assert.Contains($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint {kept.Prop<string>("Hint")}", error.Exception.Message);
    }

    [Fact]
    public async Task AnOldSecretThatCannotBeRemovedLeavesTheNewOneOutputAndSaysSo()
    {
        string clientId = await ArrangeClientAsync("incomplete", trusted: true);
        string old = (await HintsAsync(clientId))[0];
        Emulator.InjectFault(new FaultSpec { PathPrefix = $"/api/v1/oauth-clients/{clientId}/client-secrets/", Method = "DELETE", Status = 403 });

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -Force");

        PSObject rotated = Assert.Single(result.Output);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, SecretOf(rotated)));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("RotationIncomplete,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint {old}", error.Exception.Message);
    }

    [Fact]
    public async Task KeepOldKeepsEverySecret()
    {
        (string clientId, string oldSecret) = await ArrangeClientWithSecretAsync("kept", trusted: true);

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -KeepOld -Force");

        result.Single(SecretType);
        Assert.Equal(2, (await HintsAsync(clientId)).Length);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, oldSecret));
    }

    [Fact]
    public async Task AnImpersonationOnlyClientIsProvedAsTheSessionsUser()
    {
        EmulatorRest.Client client = await EmulatorRest.CreateClientAsync(Emulator, new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = "impersonation only",
            ["allowedGrantTypes"] = new JsonArray("urn:qlik:oauth:user-impersonation"),
            ["allowedScopes"] = new JsonArray("user_default"),
            ["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" },
        });
        Emulator.ClearRequests();

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {client.ClientId} -Force");

        result.Single(SecretType);
        RecordedRequest proof = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
        using JsonDocument body = JsonDocument.Parse(proof.Body);
        Assert.Equal("urn:qlik:oauth:user-impersonation", body.RootElement.GetProperty("grant_type").GetString());
        Assert.Equal(EmulatorDefaults.AdminUserId, body.RootElement.GetProperty("user_lookup").GetProperty("value").GetString());
    }

    [Fact]
    public async Task WhatIfSendsNothing()
    {
        string clientId = await ArrangeClientAsync("dry rotation", trusted: true);

        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -WhatIf");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Empty(RequestsAfterConnect());
    }
}
