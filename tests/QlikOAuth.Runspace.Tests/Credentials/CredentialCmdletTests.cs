using System.Management.Automation;
using System.Text.Json;
using QlikOAuth.Runspace.Tests.Clients;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Credentials;

/// <summary>
/// Credentials one at a time: Get-QlikOAuthClientSecret's objects, Add- and Remove-QlikOAuthClientKey, and the rule that
/// the last way a client authenticates goes only with -Force.
/// </summary>
public sealed class CredentialCmdletTests : ClientTestBase
{
    private const string SecretInfoType = "QlikOAuth.QlikOAuthClientSecretInfo";
    private const string PublicKeyType = "QlikOAuth.QlikOAuthPublicKey";

    [Fact]
    public async Task SecretsAreListedAsObjectsThatPipeIntoRemoval()
    {
        string clientId = await ArrangeClientAsync("listed", trusted: true);

        RunResult result = Run(
            $"$added = New-QlikOAuthClientSecret -ClientId {clientId} -Force\n" +
            $"$listed = Get-QlikOAuthClient -ClientId {clientId} | Get-QlikOAuthClientSecret\n" +
            "$listed\n" +
            "$listed | Where-Object Hint -eq $added.Hint | Remove-QlikOAuthClientSecret -Confirm:$false\n" +
            $"@(Get-QlikOAuthClientSecret {clientId}).Count");

        result.AssertNoErrors();
        PSObject[] listed = result.Output.Take(2).ToArray();
        Assert.All(listed, secret => Assert.Equal(SecretInfoType, secret.BaseObject.GetType().FullName));
        Assert.All(listed, secret => Assert.Equal(clientId, secret.Prop<string>("ClientId")));
        Assert.All(listed, secret => Assert.Equal(5, secret.Prop<string>("Hint")!.Length));
        Assert.All(listed, secret => Assert.NotNull(secret.Prop<DateTimeOffset?>("CreatedAt")));
        Assert.All(listed, secret => Assert.Equal(QlikCloud.Emulator.EmulatorDefaults.AdminUserId, secret.Prop<string>("CreatedBy")));
        Assert.All(listed, secret => Assert.Null(secret.Properties["ClientSecret"]));
        Assert.Equal(1, (int)result.Output[2].BaseObject);
        JsonElement tenant = (await TenantClientAsync(clientId))!.Value;
        Assert.Equal(listed[0].Prop<string>("Hint"), Assert.Single(tenant.GetProperty("clientSecrets").EnumerateArray()).GetProperty("hint").GetString());
    }

    [Fact]
    public async Task TheLastSecretOfASecretOnlyClientGoesOnlyWithForce()
    {
        string clientId = await ArrangeClientAsync("last secret");
        string hint = (await TenantClientAsync(clientId))!.Value.GetProperty("clientSecrets")[0].GetProperty("hint").GetString()!;

        RunResult refused = Run($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint {hint} -Confirm:$false");
        int secretsAfterRefusal = (await TenantClientAsync(clientId))!.Value.GetProperty("clientSecrets").GetArrayLength();
        RunResult forced = Run($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint {hint} -Force");

        ErrorRecord error = Assert.Single(refused.Errors);
        Assert.Equal("LastAuthenticationPath,QlikOAuth.Commands.RemoveQlikOAuthClientSecretCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Equal(1, secretsAfterRefusal);
        forced.AssertNoErrors();
        Assert.Equal(0, (await TenantClientAsync(clientId))!.Value.GetProperty("clientSecrets").GetArrayLength());
    }

    [Fact]
    public async Task AKeyIsAddedFromNewQlikOAuthKeyKeepingTheOthersAndADuplicateKidIsRefused()
    {
        RunResult result = Run(
            $"$first = New-QlikOAuthKey -Path {TempDir}/first.pem -KeyId first\n" +
            "$client = $first | New-QlikOAuthClient -Name 'two keys' -Trusted\n" +
            $"New-QlikOAuthKey -Path {TempDir}/second.pem -KeyId second | Add-QlikOAuthClientKey -ClientId $client.ClientId\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','\n" +
            $"New-QlikOAuthKey -Path {TempDir}/again.pem -KeyId second | Add-QlikOAuthClientKey -ClientId $client.ClientId");

        PSObject added = result.Output[0];
        Assert.Equal(PublicKeyType, added.BaseObject.GetType().FullName);
        Assert.Equal("second", added.Prop<string>("KeyId"));
        Assert.Equal($"{TempDir}/second.pem", added.Prop<string>("PrivateKeyPath"));
        Assert.NotNull(added.Prop<object>("Session"));
        Assert.Equal("first,second", (string)result.Output[1].BaseObject);
        ErrorRecord duplicate = Assert.Single(result.Errors);
        Assert.StartsWith("DuplicateKeyId,", duplicate.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Update-QlikOAuthClientKey", duplicate.Exception.Message);
    }

    [Fact]
    public void AKeyOfTheClientObjectPipesIntoRemovalAndTheLastKeyStays()
    {
        RunResult result = Run(
            $"$client = New-QlikOAuthKey -Path {TempDir}/one.pem -KeyId one | New-QlikOAuthClient -Name 'key only' -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            $"$null = New-QlikOAuthKey -Path {TempDir}/two.pem -KeyId two | Add-QlikOAuthClientKey -ClientId $client.ClientId\n" +
            "$client = Get-QlikOAuthClient -ClientId $client.ClientId\n" +
            "$client.PublicKeys | Where-Object KeyId -eq one | Remove-QlikOAuthClientKey -Confirm:$false\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','\n" +
            "Remove-QlikOAuthClientKey -ClientId $client.ClientId -KeyId two -Force\n" +
            "(Get-QlikOAuthClient -ClientId $client.ClientId).PublicKeyIds -join ','\n" +
            "Remove-QlikOAuthClientKey -ClientId $client.ClientId -KeyId nope -Confirm:$false");

        Assert.Equal(new[] { "two", "two" }, result.Output.Select(item => (string)item.BaseObject));
        Assert.Equal(
            new[] { "PublicKeyRequired,QlikOAuth.Commands.RemoveQlikOAuthClientKeyCommand", "PublicKeyNotFound,QlikOAuth.Commands.RemoveQlikOAuthClientKeyCommand" },
            result.Errors.Select(error => error.FullyQualifiedErrorId));
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
    }

    [Fact]
    public void AddingAKeyDropsTheClientsCachedTokens()
    {
        RunResult result = Run(
            $"$client = New-QlikOAuthKey -Path {TempDir}/cached.pem -KeyId cached | New-QlikOAuthClient -Name 'cached' -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            "$before = $client | Get-QlikAccessToken -AsPlainText\n" +
            "$again = $client | Get-QlikAccessToken -AsPlainText\n" +
            $"$null = New-QlikOAuthKey -Path {TempDir}/more.pem -KeyId more | Add-QlikOAuthClientKey -ClientId $client.ClientId\n" +
            "$after = $client | Get-QlikAccessToken -AsPlainText\n" +
            "$before.AccessToken -eq $again.AccessToken\n" +
            "$before.AccessToken -eq $after.AccessToken");

        result.AssertNoErrors();
        Assert.Equal(new[] { true, false }, result.Output.Select(item => (bool)item.BaseObject));
    }

    [Fact]
    public async Task WhatIfSendsNothingForTheKeyCmdlets()
    {
        string clientId = await ArrangeClientAsync("dry keys");

        RunResult result = Run(
            $"New-QlikOAuthKey -Path {TempDir}/dry.pem -WhatIf | Add-QlikOAuthClientKey -ClientId {clientId} -WhatIf\n" +
            $"Remove-QlikOAuthClientKey -ClientId {clientId} -KeyId any -Force -WhatIf");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Empty(RequestsAfterConnect());
    }
}
