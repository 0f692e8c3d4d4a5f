using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Clients;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Credentials;

/// <summary>Update-QlikOAuthClientKey: add the new key, prove it with a signed assertion, emit it, remove the old kid.</summary>
public sealed class KeyRotationTests : ClientTestBase
{
    private const string PublicKeyType = "QlikOAuth.QlikOAuthPublicKey";

    [Fact]
    public void TheOnlyOtherKeyIsReplacedAndTheNewKeyGetsTokens()
    {
        RunResult result = Run(
            $"$client = New-QlikOAuthKey -Path {TempDir}/old.pem -KeyId old | New-QlikOAuthClient -Name 'rotating key' -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            $"New-QlikOAuthKey -Path {TempDir}/new.pem -KeyId new | Update-QlikOAuthClientKey -ClientId $client.ClientId -Force |\n" +
            "    ForEach-Object { $_; $_ | Get-QlikAccessToken -NoCache | ForEach-Object ClientId }\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','\n" +
            "$client | Get-QlikAccessToken -NoCache");

        PSObject rotated = result.Output[0];
        Assert.Equal(PublicKeyType, rotated.BaseObject.GetType().FullName);
        Assert.Equal("new", rotated.Prop<string>("KeyId"));
        Assert.Equal($"{TempDir}/new.pem", rotated.Prop<string>("PrivateKeyPath"));
        Assert.Equal(rotated.Prop<string>("ClientId"), (string)result.Output[1].BaseObject);
        Assert.Equal("new", (string)result.Output[2].BaseObject);
        ErrorRecord refused = Assert.Single(result.Errors);
        Assert.Equal("TokenRefused.InvalidClientCredentials,QlikOAuth.Commands.GetQlikAccessTokenCommand", refused.FullyQualifiedErrorId);
    }

    [Fact]
    public void APathWithoutKeyIdRegistersTheKeyUnderItsThumbprintAndOldKeyIdNamesTheKeyReplaced()
    {
        RunResult result = Run(
            $"$one = New-QlikOAuthKey -Path {TempDir}/one.pem -KeyId one\n" +
            "$client = $one | New-QlikOAuthClient -Name 'three keys' -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            $"$null = New-QlikOAuthKey -Path {TempDir}/two.pem -KeyId two | Add-QlikOAuthClientKey -ClientId $client.ClientId\n" +
            $"$next = New-QlikOAuthKey -Path {TempDir}/next.pem\n" +
            $"Update-QlikOAuthClientKey -ClientId $client.ClientId -Path {TempDir}/next.pem -Force\n" +
            $"Update-QlikOAuthClientKey -ClientId $client.ClientId -Path {TempDir}/next.pem -OldKeyId one -Force | ForEach-Object KeyId\n" +
            "$next.KeyId\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','");

        ErrorRecord unclear = Assert.Single(result.Errors);
        Assert.Equal("RotationTargetUnclear,QlikOAuth.Commands.UpdateQlikOAuthClientKeyCommand", unclear.FullyQualifiedErrorId);
        Assert.Contains("-OldKeyId", unclear.Exception.Message);
        string thumbprint = (string)result.Output[1].BaseObject;
        Assert.Equal(thumbprint, (string)result.Output[0].BaseObject);
        Assert.Equal($"two,{thumbprint}", (string)result.Output[2].BaseObject);
    }

    [Fact]
    public void AnOldKeyIdTheClientDoesNotHaveIsRefusedBeforeTheNewKeyIsAdded()
    {
        RunResult result = Run(
            $"$client = New-QlikOAuthKey -Path {TempDir}/held.pem -KeyId held | New-QlikOAuthClient -Name 'wrong old kid' -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            $"New-QlikOAuthKey -Path {TempDir}/next.pem -KeyId next | Update-QlikOAuthClientKey -ClientId $client.ClientId -OldKeyId typo -Force\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','");

        Assert.Equal("held", (string)Assert.Single(result.Output).BaseObject);
        ErrorRecord refused = Assert.Single(result.Errors);
        Assert.Equal("PublicKeyNotFound,QlikOAuth.Commands.UpdateQlikOAuthClientKeyCommand", refused.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, refused.CategoryInfo.Category);
        Assert.Contains("'held'", refused.Exception.Message);
        Assert.Contains("Nothing was changed", refused.Exception.Message);
    }

    [Fact]
    public void AFailedProofRemovesTheNewKeyAgain()
    {
        RunResult result = Run(
            $"$client = New-QlikOAuthKey -Path {TempDir}/kept.pem -KeyId kept | New-QlikOAuthClient -Name 'untrusted key' -AuthenticationMethod PrivateKeyJwt\n" +
            $"New-QlikOAuthKey -Path {TempDir}/refused.pem -KeyId refused | Update-QlikOAuthClientKey -ClientId $client.ClientId -Force\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','");

        Assert.Equal("kept", (string)Assert.Single(result.Output).BaseObject);
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("RotationProofFailed,QlikOAuth.Commands.UpdateQlikOAuthClientKeyCommand", error.FullyQualifiedErrorId);
        Assert.Contains("removed again", error.Exception.Message);
    }

    [Fact]
    public async Task WhatIfAlongTheChainReadsNoKeyAndSendsNothing()
    {
        string clientId = await ArrangeClientAsync("dry key rotation", trusted: true);

        RunResult result = Run($"New-QlikOAuthKey -Path {TempDir}/dry.pem -WhatIf | Update-QlikOAuthClientKey -ClientId {clientId} -WhatIf");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public async Task ASecretOnlyClientHasNoKeyToRotate()
    {
        string clientId = await ArrangeClientAsync("secret only", trusted: true);
        Emulator.ClearRequests();

        RunResult result = Run($"New-QlikOAuthKey -Path {TempDir}/unused.pem | Update-QlikOAuthClientKey -ClientId {clientId} -Force");

        Assert.Equal("RotationNotPossible,QlikOAuth.Commands.UpdateQlikOAuthClientKeyCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain(Emulator.Requests, request => request.Method == "PATCH");
    }
}
