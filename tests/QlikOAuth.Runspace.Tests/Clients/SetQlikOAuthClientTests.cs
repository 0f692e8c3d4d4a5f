using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Set-QlikOAuthClient: one JSON Patch per call, the secret a 202 brings, -PassThru, -WhatIf.</summary>
public sealed class SetQlikOAuthClientTests : ClientTestBase
{
    [Fact]
    public async Task ChangesGoOutAsOneJsonPatchAndPassThruShowsTheResult()
    {
        string clientId = await ArrangeClientAsync("before");

        RunResult result = Run(
            $"Get-QlikOAuthClient -ClientId {clientId} | Set-QlikOAuthClient -Name after -Description changed -Scope user_default, admin_classic " +
            "-AllowedOrigin https://custom-app.com -RedirectUri https://custom-app.com/cb -ClientUri https://custom-app.com -LogoUri https://custom-app.com/l.png " +
            "-GrantType UserImpersonation -PassThru");

        PSObject client = result.Single(ClientType);
        Assert.Equal(("after", "changed"), (client.Prop<string>("Name"), client.Prop<string>("Description")));
        Assert.Equal(new[] { "user_default", "admin_classic" }, client.Prop<string[]>("Scopes"));
        Assert.Equal(new[] { "https://custom-app.com" }, client.Prop<string[]>("AllowedOrigins"));
        Assert.Equal(new[] { "urn:qlik:oauth:user-impersonation" }, client.Prop<string[]>("GrantTypes"));
        Assert.Null(client.Prop<PSCredential>("Credential"));
        var patch = Assert.Single(RequestsAfterConnect(), request => request.Method == "PATCH");
        Assert.StartsWith("[{\"op\":\"replace\",\"path\":\"/clientName\"", patch.Body);
    }

    [Fact]
    public async Task EnablingClientSecretEmitsTheNewSecret()
    {
        RunResult result = Run(
            $"$c = New-QlikOAuthKey -Path '{TempDir}/k.pem' | New-QlikOAuthClient -Name jwt -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            "$c | Set-QlikOAuthClient -AuthenticationMethod ClientSecret, PrivateKeyJwt\n" +
            "$c | Set-QlikOAuthClient -AuthenticationMethod PrivateKeyJwt\n" +
            "$c | Set-QlikOAuthClient -AuthenticationMethod ClientSecret, PrivateKeyJwt -PassThru");

        var output = result.Output;
        Assert.Equal(2, output.Count);
        Assert.Equal(SecretType, output[0].BaseObject.GetType().FullName);
        Assert.Equal(ClientType, output[1].BaseObject.GetType().FullName);
        string clientId = output[1].Prop<string>("ClientId")!;
        Assert.Equal(clientId, output[0].Prop<string>("ClientId"));
        Assert.Equal(System.Net.HttpStatusCode.OK, await TokenStatusAsync(clientId, SecretOf(output[1])));
        Assert.Equal(2, Emulator.Requests.Count(request => request.Method == "PATCH" && request.Status == 202));
    }

    [Fact]
    public async Task PublicKeysAreReplaced()
    {
        string clientId = await ArrangeClientAsync("keys");

        RunResult result = Run(
            $"$k = New-QlikOAuthKey -Path '{TempDir}/k.pem' -Algorithm RS512 -KeyId rotated\n" +
            $"Set-QlikOAuthClient -ClientId {clientId} -PublicKey $k -PassThru");

        Assert.Equal(new[] { "rotated" }, result.Single(ClientType).Prop<string[]>("PublicKeyIds"));
    }

    [Fact]
    public async Task NoChangeOrABadValueIsRefusedBeforeAnyRequest()
    {
        string clientId = await ArrangeClientAsync("unchanged");

        RunResult nothing = Run($"Set-QlikOAuthClient -ClientId {clientId} -ErrorAction Stop");
        RunResult badOrigin = RunUnconnected($"Set-QlikOAuthClient -ClientId {clientId} -AllowedOrigin https://x.com/path");

        Assert.Equal("NothingToChange,QlikOAuth.Commands.SetQlikOAuthClientCommand", nothing.Terminating?.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal("InvalidAllowedOrigin,QlikOAuth.Commands.SetQlikOAuthClientCommand", Assert.Single(badOrigin.Errors).FullyQualifiedErrorId);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public async Task WhatIfWritesNothing()
    {
        string clientId = await ArrangeClientAsync("dry");

        RunResult result = Run($"Set-QlikOAuthClient -ClientId {clientId} -Name wet -WhatIf");

        Assert.Empty(result.Output);
        // The client is read, so the preview names only the fields that would change; nothing is written.
        Assert.Equal(["GET"], RequestsAfterConnect().Select(request => request.Method));
        Assert.Equal("dry", (await TenantClientAsync(clientId))!.Value.GetProperty("clientName").GetString());
    }
}
