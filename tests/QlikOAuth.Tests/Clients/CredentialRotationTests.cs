using System.Text.Json;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>The engine's two-step rotation against the emulated tenant: the cases a runspace cannot time well.</summary>
public sealed class CredentialRotationTests : TenantFixture
{
    private OAuthClientsApi Api => new(Session.Connection, Session.Credential, Session.Tokens);

    [Fact]
    public async Task CancellingDuringTheProofRemovesTheNewSecretAndKeepsTheOld()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Method = "POST", Delay = TimeSpan.FromSeconds(5) });
        var rotation = new SecretRotation(Api, Connection, client.ClientId, Session.User.Id, null, Array.Empty<string>(), keepOld: false);
        using var stop = new CancellationTokenSource();
        stop.CancelAfter(TimeSpan.FromMilliseconds(500));

        RotationStart<NewClientSecret> start = await rotation.StartAsync(stop.Token);

        Assert.False(start.AddedKept);
        Assert.Equal(CredentialErrors.RotationProofFailed, start.Failure!.ErrorId);
        Assert.Empty(start.Retiring);
        Assert.Equal(new[] { client.SecretText[^5..] }, (await Api.GetAsync(client.ClientId, CancellationToken.None)).SecretHints);
    }

    [Fact]
    public async Task RetiringAfterAFailedProofRemovesNothing()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        await Api.SetConsentMethodAsync(client.ClientId, "required", CancellationToken.None);
        var rotation = new SecretRotation(Api, Connection, client.ClientId, Session.User.Id, null, Array.Empty<string>(), keepOld: false);

        RotationStart<NewClientSecret> start = await rotation.StartAsync(CancellationToken.None);
        await rotation.RetireAsync(start, CancellationToken.None);

        Assert.Equal(QlikErrorKind.PermissionDenied, start.Failure!.Kind);
        Assert.Equal(new[] { client.SecretText[^5..] }, (await Api.GetAsync(client.ClientId, CancellationToken.None)).SecretHints);
    }

    [Fact]
    public async Task ACredentialWhoseSecretMatchesNoHintNamesNothingToRetireAndNothingIsAdded()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        await Api.AddSecretAsync(client.ClientId, CancellationToken.None);
        Emulator.ClearRequests();
        var rotation = new SecretRotation(Api, Connection, client.ClientId, Session.User.Id, SecretText.Protect("a-secret-this-client-never-had"), Array.Empty<string>(), keepOld: false);

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => rotation.StartAsync(CancellationToken.None));

        Assert.Equal((CredentialErrors.RotationTargetUnclear, QlikErrorKind.InvalidArgument), (error.ErrorId, error.Kind));
        Assert.Contains("the secret of -Credential does not tell", error.Message);
        Assert.All(Emulator.Requests, request => Assert.Equal("GET", request.Method));
    }

    [Fact]
    public void AKeyListWithAKeyThisModuleCannotReadIsNotRewritten()
    {
        using SigningKey readable = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "readable");
        OAuthClient client = OAuthClientReader.Read(
            JsonDocument.Parse($"{{\"clientId\":\"c1\",\"publicKeys\":[{readable.PublicJwk.ToJson()},{{\"kid\":\"from-the-future\",\"kty\":\"OKP\"}}]}}").RootElement, "/test");

        var error = Assert.Throws<QlikOAuthException>(() => ClientCredentials.KeysOf(client));

        Assert.Equal(CredentialErrors.ClientKeysUnreadable, error.ErrorId);
        Assert.Contains("'from-the-future'", error.Message);
        Assert.Contains("Set-QlikOAuthClient -PublicKey", error.Message);
    }
}
