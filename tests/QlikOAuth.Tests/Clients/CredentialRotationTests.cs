using System.Text.Json;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
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
    public async Task TheTokenThatProvedTheNewSecretIsRevoked()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        var rotation = new SecretRotation(Api, Connection, client.ClientId, Session.User.Id, null, Array.Empty<string>(), keepOld: false);

        RotationStart<NewClientSecret> start = await rotation.StartAsync(CancellationToken.None);

        Assert.Null(start.Failure);
        RecordedRequest revoke = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/revoke");
        Assert.Equal(200, revoke.Status);
        string proofToken = JsonDocument.Parse(revoke.Body).RootElement.GetProperty("token").GetString()!;
        var refused = await Assert.ThrowsAsync<QlikApiException>(() => UsersApi.GetMeAsync(Connection, new BearerCredential(SecretText.Protect(proofToken)), CancellationToken.None));
        Assert.Equal(401, (int)refused.StatusCode);
    }

    [Fact]
    public async Task AFailedRevokeOfTheProofTokenIsAWarning_TheRotationGoesOn()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/revoke", Method = "POST", Status = 400 });
        var rotation = new SecretRotation(Api, Connection, client.ClientId, Session.User.Id, null, Array.Empty<string>(), keepOld: false);
        var warnings = new List<string>();
        RotationStart<NewClientSecret> start;

        using (QlikLog.BeginScope((level, message) => { if (level == QlikLogLevel.Warning) { warnings.Add(message); } }, detailed: false))
        {
            start = await rotation.StartAsync(CancellationToken.None);
            await rotation.RetireAsync(start, CancellationToken.None);
        }

        Assert.Null(start.Failure);
        Assert.Equal(new[] { start.Added.Hint! }, (await Api.GetAsync(client.ClientId, CancellationToken.None)).SecretHints);
        string warning = Assert.Single(warnings);
        Assert.Contains("could not be revoked", warning);
        Assert.Contains(client.ClientId, warning);
    }

    [Fact]
    public async Task AnIncompleteRetireNamesOnlyTheSecretsStillThere()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        await Api.AddSecretAsync(client.ClientId, CancellationToken.None);
        IReadOnlyList<string> old = (await Api.GetAsync(client.ClientId, CancellationToken.None)).SecretHints;
        Emulator.InjectFault(new FaultSpec { PathPrefix = $"/api/v1/oauth-clients/{client.ClientId}/client-secrets/{old[1]}", Method = "DELETE", Status = 403 });
        var rotation = new SecretRotation(Api, Connection, client.ClientId, Session.User.Id, null, old, keepOld: false);

        RotationStart<NewClientSecret> start = await rotation.StartAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => rotation.RetireAsync(start, CancellationToken.None));

        Assert.Equal(CredentialErrors.RotationIncomplete, error.ErrorId);
        Assert.Equal(new[] { old[1], start.Added.Hint! }, (await Api.GetAsync(client.ClientId, CancellationToken.None)).SecretHints);
        Assert.EndsWith($"Remove-QlikOAuthClientSecret -ClientId {client.ClientId} -Hint {old[1]}.", error.Message);
        Assert.DoesNotContain(old[0], error.Message);
    }

    [Fact]
    public async Task RotatingTheSecretTheSessionSignsInWithSwitchesTheSessionBeforeTheOldOneGoes()
    {
        ClientFactory.CreatedClient admin = await ClientFactory.CreateM2MAsync(Connection, Admin, "admin client", "admin_classic");
        using TenantSession session = await TenantSession.ConnectAsync(
            Emulator.BaseUrl, new OAuthClientCredential(new ClientSecretAuthentication(admin.ClientId, admin.Secret)), HttpOptions, null, CancellationToken.None);
        var api = new OAuthClientsApi(session.Connection, session.Credential, session.Tokens);
        var rotation = new SecretRotation(api, session.Connection, admin.ClientId, session.User.Id, null, Array.Empty<string>(), keepOld: false);

        RotationStart<NewClientSecret> start = await rotation.StartAsync(CancellationToken.None);
        Emulator.ClearRequests();
        session.Tokens.RemoveClient(admin.ClientId); // the session's next call needs a token, made by whatever it signs in with now
        await UsersApi.GetMeAsync(session.Connection, session.Credential, CancellationToken.None);
        RecordedRequest signIn = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
        await rotation.RetireAsync(start, CancellationToken.None);
        QlikUser me = await UsersApi.GetMeAsync(session.Connection, session.Credential, CancellationToken.None);

        Assert.Contains(SecretText.Reveal(start.Added.Secret), signIn.Body);
        Assert.Equal($"qlikbot\\{admin.ClientId}", me.Subject);
        Assert.Equal(new[] { start.Added.Hint! }, (await api.GetAsync(admin.ClientId, CancellationToken.None)).SecretHints);
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
