using System.Management.Automation;
using System.Text.Json;
using QlikOAuth.Runspace.Tests.Clients;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Credentials;

/// <summary>
/// A session that signs in with an admin OAuth client and the cmdlets that change that client: a rotation of its secret
/// switches the session to the new one; removing its secret or the client itself, or leaving out of it the method or the
/// grant the session signs in with, warns and asks first.
/// </summary>
public sealed class SessionOwnCredentialTests : ClientTestBase
{
    private const string ConnectAsAdminClient = "Connect-QlikTenant $TenantUrl -Credential $AdminCredential | Out-Null\n";

    private async Task<EmulatorRest.Client> ArrangeAdminClientAsync()
    {
        EmulatorRest.Client admin = await EmulatorRest.CreateAdminClientAsync(Emulator);
        Shell.SetVariable("AdminCredential", new PSCredential(admin.ClientId, Secure(admin.Secret)));
        return admin;
    }

    [Fact]
    public async Task RotatingTheSecretTheSessionSignsInWithKeepsTheSessionWorking()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();

        RunResult result = RunUnconnected(
            ConnectAsAdminClient +
            "$rotated = Update-QlikOAuthClientSecret -Credential $AdminCredential -Force\n" +
            $"(Get-QlikOAuthClient -ClientId {admin.ClientId}).SecretHints\n" +
            "$rotated.Hint");

        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(result.Output[1].BaseObject, result.Output[0].BaseObject);
        Assert.NotEqual(admin.Secret[^5..], (string)result.Output[0].BaseObject);
    }

    [Fact]
    public async Task RemovingTheSessionsOwnSecretWarnsAndAsksEvenWhereConfirmPreferenceWouldNot()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();
        string own = admin.Secret[^5..];
        string other = (string)RunUnconnected(ConnectAsAdminClient + $"(New-QlikOAuthClientSecret -ClientId {admin.ClientId} -Force).Hint").Output.Single().BaseObject;

        // This runspace has no host to ask: the removal stops at the question, with nothing removed.
        RunResult result = RunUnconnected(ConnectAsAdminClient + $"$ConfirmPreference = 'None'\nRemove-QlikOAuthClientSecret -ClientId {admin.ClientId} -Hint {own}");

        result.AssertStoppedAtPrompt();
        WarningRecord warning = Assert.Single(result.Warnings);
        Assert.Contains($"secret {own} of client {admin.ClientId}", warning.Message);
        Assert.Contains("stop working", warning.Message);
        Assert.Equal(new[] { own, other }, await HintsAsync(admin.ClientId));
    }

    [Fact]
    public async Task RemovingAnotherSecretOfTheSessionsClientNeitherWarnsNorAsks()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();
        string other = (string)RunUnconnected(ConnectAsAdminClient + $"(New-QlikOAuthClientSecret -ClientId {admin.ClientId} -Force).Hint").Output.Single().BaseObject;

        RunResult result = RunUnconnected(ConnectAsAdminClient + $"$ConfirmPreference = 'None'\nRemove-QlikOAuthClientSecret -ClientId {admin.ClientId} -Hint {other}");

        result.AssertNoErrors();
        Assert.Empty(result.Warnings);
        Assert.Equal(new[] { admin.Secret[^5..] }, await HintsAsync(admin.ClientId));
    }

    [Fact]
    public async Task RemovingTheSessionsOwnClientWithForceWarnsAndDeletesIt()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();

        RunResult result = RunUnconnected(ConnectAsAdminClient + $"Remove-QlikOAuthClient -ClientId {admin.ClientId} -Force");

        result.AssertNoErrors();
        WarningRecord warning = Assert.Single(result.Warnings);
        Assert.Contains($"client {admin.ClientId}", warning.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("stop working", warning.Message);
        Assert.Null(await TenantClientAsync(admin.ClientId));
    }

    [Fact]
    public async Task LeavingClientCredentialsOutOfTheSessionsOwnClientWarnsAndAsksWithNothingChanged()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();

        // This runspace has no host to ask: the change stops at the question, with nothing sent.
        RunResult result = RunUnconnected(ConnectAsAdminClient + $"$ConfirmPreference = 'None'\nSet-QlikOAuthClient -ClientId {admin.ClientId} -GrantType UserImpersonation");

        result.AssertStoppedAtPrompt();
        WarningRecord warning = Assert.Single(result.Warnings);
        Assert.Contains($"Client {admin.ClientId}", warning.Message);
        Assert.Contains("client_credentials out of its grant types", warning.Message);
        Assert.Contains("stop working", warning.Message);
        Assert.Equal(["client_credentials"], Strings((await TenantClientAsync(admin.ClientId))!.Value, "allowedGrantTypes"));
    }

    [Fact]
    public async Task SwitchingTheSessionsOwnClientToPrivateKeyJwtWithConfirmFalseWarnsAndChangesIt()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();

        RunResult result = RunUnconnected(
            ConnectAsAdminClient +
            $"Set-QlikOAuthClient -ClientId {admin.ClientId} -AuthenticationMethod PrivateKeyJwt -JwksUri https://keys.example.com/jwks.json -Confirm:$false");

        result.AssertNoErrors();
        WarningRecord warning = Assert.Single(result.Warnings);
        Assert.Contains("client_secret out of its authentication methods", warning.Message);
        JsonElement changed = (await TenantClientAsync(admin.ClientId))!.Value;
        Assert.Equal(["private_key_jwt"], Strings(changed, "allowedAuthMethods"));
    }

    [Fact]
    public async Task ASyncThatLeavesClientCredentialsOutOfTheSessionsOwnClientWarnsAndAsksWithNothingChanged()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();
        const string definition = "'{\"schemaVersion\":1,\"clientName\":\"admin client\",\"allowedAuthMethods\":[\"client_secret\"]," +
            "\"allowedGrantTypes\":[\"urn:qlik:oauth:user-impersonation\"],\"allowedScopes\":[\"user_default\",\"admin_classic\"]}'";

        RunResult result = RunUnconnected(ConnectAsAdminClient + $"$ConfirmPreference = 'None'\nSync-QlikOAuthClient -Definition {definition}");

        result.AssertStoppedAtPrompt();
        Assert.Contains("client_credentials out of its grant types", Assert.Single(result.Warnings).Message);
        Assert.Equal(["client_credentials"], Strings((await TenantClientAsync(admin.ClientId))!.Value, "allowedGrantTypes"));
    }

    [Fact]
    public async Task AChangeThatKeepsWhatTheSessionSignsInWithNeitherWarnsNorAsks()
    {
        EmulatorRest.Client admin = await ArrangeAdminClientAsync();

        RunResult result = RunUnconnected(
            ConnectAsAdminClient +
            $"$ConfirmPreference = 'None'\nSet-QlikOAuthClient -ClientId {admin.ClientId} -GrantType ClientCredentials,UserImpersonation -AuthenticationMethod ClientSecret,PrivateKeyJwt -JwksUri https://keys.example.com/jwks.json -Name renamed");

        result.AssertNoErrors();
        Assert.Empty(result.Warnings);
        JsonElement changed = (await TenantClientAsync(admin.ClientId))!.Value;
        Assert.Equal("renamed", changed.GetProperty("clientName").GetString());
        Assert.Equal(["client_credentials", "urn:qlik:oauth:user-impersonation"], Strings(changed, "allowedGrantTypes"));
        Assert.Equal(["client_secret", "private_key_jwt"], Strings(changed, "allowedAuthMethods"));
    }

    private static string[] Strings(JsonElement client, string property) =>
        client.GetProperty(property).EnumerateArray().Select(value => value.GetString()!).ToArray();
}
