using System.Net;
using System.Text.Json;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>Each call of the clients API against the emulated tenant, over real HTTP.</summary>
public sealed class ClientsApiTests : TenantFixture
{
    private OAuthClientsApi Api => new(Connection, Admin);

    private static ClientDefinition M2M(string name) => new() { ClientName = name };

    [Fact]
    public async Task CreateSendsAWebM2MClientAndReturnsTheOneTimeSecret()
    {
        CreatedOAuthClient created = await Api.CreateAsync(new ClientDefinition { ClientName = "etl", Description = "nightly", ConsentMethod = "trusted" }, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(created.Client.ClientId));
        Assert.Equal("etl", created.Client.ClientName);
        Assert.Equal("web", created.Client.AppType);
        Assert.Equal(new[] { GrantTypes.ClientCredentials }, created.Client.AllowedGrantTypes);
        Assert.Equal(new[] { "user_default" }, created.Client.AllowedScopes);
        Assert.Equal(new[] { "client_secret" }, created.Client.AllowedAuthMethods);
        Assert.Equal("trusted", created.Client.ConsentMethod);
        Assert.NotNull(created.Secret);
        Assert.DoesNotContain("\"clientSecret\":", created.Client.RawJson);
        Assert.Single(created.Client.SecretHints);

        RecordedRequest post = Assert.Single(Emulator.Requests);
        Assert.Equal(("POST", "/api/v1/oauth-clients", 201), (post.Method, post.Path, post.Status));
        using JsonDocument body = JsonDocument.Parse(post.Body);
        Assert.Equal("trusted", body.RootElement.GetProperty("connectionConfig").GetProperty("consentMethod").GetString());
        Assert.Equal("web", body.RootElement.GetProperty("appType").GetString());
    }

    [Fact]
    public async Task TheCreatedSecretAuthenticatesAtTheTokenEndpoint()
    {
        CreatedOAuthClient created = await Api.CreateAsync(new ClientDefinition { ClientName = "bot", ConsentMethod = "trusted" }, CancellationToken.None);

        var request = new TokenRequest(GrantTypes.ClientCredentials, new ClientSecretAuthentication(created.Client.ClientId, created.Secret!), "user_default");
        AccessToken token = await TokenClient.RequestAsync(Connection, request, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(token.Value));
    }

    [Fact]
    public async Task CreateWithAPublicKeyRegistersItAndAllowsBothMethodsByDefault()
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k1");
        var spec = new ClientDefinition { ClientName = "imp", AllowedGrantTypes = new List<string> { "UserImpersonation" }, PublicKeys = new List<PublicJwk> { key.PublicJwk } };

        CreatedOAuthClient created = await Api.CreateAsync(spec, CancellationToken.None);

        Assert.Equal(new[] { "k1" }, created.Client.PublicKeyIds);
        Assert.Equal(new[] { "client_secret", "private_key_jwt" }, created.Client.AllowedAuthMethods);
        Assert.Equal(new[] { GrantTypes.UserImpersonation }, created.Client.AllowedGrantTypes);
        Assert.NotNull(created.Secret);
    }

    [Fact]
    public async Task APrivateKeyJwtOnlyClientHasNoSecret()
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256);
        var spec = new ClientDefinition { ClientName = "jwt only", AllowedAuthMethods = new List<string> { "PrivateKeyJwt" }, PublicKeys = new List<PublicJwk> { key.PublicJwk } };

        CreatedOAuthClient created = await Api.CreateAsync(spec, CancellationToken.None);

        Assert.Null(created.Secret);
        Assert.Equal(new[] { "private_key_jwt" }, created.Client.AllowedAuthMethods);
    }

    [Fact]
    public async Task GetReadsOneClientById()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("one"), CancellationToken.None);

        OAuthClient client = await Api.GetAsync(created.Client.ClientId, CancellationToken.None);

        Assert.Equal("one", client.ClientName);
        Assert.Equal(EmulatorDefaults.TenantId, client.TenantId);
        Assert.NotNull(client.CreatedAt);
    }

    [Fact]
    public async Task GetOfAnUnknownClientIsNotFound()
    {
        var error = await Assert.ThrowsAsync<QlikApiException>(() => Api.GetAsync("nosuchclient", CancellationToken.None));

        Assert.Equal(("QlikApi.NotFound", QlikErrorKind.NotFound), (error.ErrorId, error.Kind));
    }

    [Fact]
    public async Task ListFollowsNextLinksAcrossPages()
    {
        for (int i = 0; i < 7; i++)
        {
            await Api.CreateAsync(M2M($"client {i}"), CancellationToken.None);
        }

        Emulator.ClearRequests();
        var names = new List<string?>();
        await foreach (OAuthClient client in Api.ListAsync(null, "+clientName", CancellationToken.None, pageSize: 3))
        {
            names.Add(client.ClientName);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"client {i}"), names);
        Assert.Equal(3, Emulator.Requests.Count);
        Assert.All(Emulator.Requests, request => Assert.Equal("/api/v1/oauth-clients", request.Path));
    }

    [Fact]
    public async Task ListSendsTheFilterAndSort()
    {
        await Api.CreateAsync(M2M("alpha"), CancellationToken.None);
        await Api.CreateAsync(M2M("beta"), CancellationToken.None);
        Emulator.ClearRequests();

        List<OAuthClient> clients = await Api.ListAllAsync("clientName sw \"al\"", "-createdAt", CancellationToken.None);

        Assert.Equal("alpha", Assert.Single(clients).ClientName);
        RecordedRequest request = Assert.Single(Emulator.Requests);
        Assert.Contains("sort=-createdAt", request.Query);
        Assert.Contains("filter=", request.Query);
    }

    [Fact]
    public async Task FindByNameMatchesExactlyEvenWithQuotesInTheName()
    {
        await Api.CreateAsync(M2M("say \"hi\" \\ now"), CancellationToken.None);
        await Api.CreateAsync(M2M("say"), CancellationToken.None);

        IReadOnlyList<OAuthClient> found = await Api.FindByNameAsync("say \"hi\" \\ now", CancellationToken.None);

        Assert.Equal("say \"hi\" \\ now", Assert.Single(found).ClientName);
        Assert.Empty(await Api.FindByNameAsync("SAY", CancellationToken.None));
    }

    [Fact]
    public async Task PatchWithoutANewSecretAnswers204AndChangesTheClient()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("before"), CancellationToken.None);
        Emulator.ClearRequests();

        NewClientSecret? secret = await Api.UpdateAsync(created.Client.ClientId, new ClientDefinition { ClientName = "after", AllowedOrigins = new List<string> { "https://custom-app.com" } }, CancellationToken.None);

        Assert.Null(secret);
        RecordedRequest patch = Assert.Single(Emulator.Requests);
        Assert.Equal(("PATCH", 204), (patch.Method, patch.Status));
        using JsonDocument body = JsonDocument.Parse(patch.Body);
        Assert.Equal(JsonValueKind.Array, body.RootElement.ValueKind);
        Assert.Equal(new[] { "/clientName", "/allowedOrigins" }, body.RootElement.EnumerateArray().Select(op => op.GetProperty("path").GetString()));
        Assert.All(body.RootElement.EnumerateArray(), op => Assert.Equal("replace", op.GetProperty("op").GetString()));
        OAuthClient client = await Api.GetAsync(created.Client.ClientId, CancellationToken.None);
        Assert.Equal(("after", "https://custom-app.com"), (client.ClientName, Assert.Single(client.AllowedOrigins)));
    }

    [Fact]
    public async Task PatchThatEnablesClientSecretAnswers202WithTheNewSecret()
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256);
        var spec = new ClientDefinition { ClientName = "jwt", AllowedAuthMethods = new List<string> { "private_key_jwt" }, PublicKeys = new List<PublicJwk> { key.PublicJwk } };
        CreatedOAuthClient created = await Api.CreateAsync(spec, CancellationToken.None);
        Emulator.ClearRequests();

        NewClientSecret? secret = await Api.UpdateAsync(created.Client.ClientId, new ClientDefinition { AllowedAuthMethods = new List<string> { "ClientSecret", "PrivateKeyJwt" } }, CancellationToken.None);

        Assert.NotNull(secret);
        Assert.Equal(created.Client.ClientId, secret!.ClientId);
        Assert.True(secret.Secret.Length > 0);
        Assert.Equal(202, Assert.Single(Emulator.Requests).Status);
    }

    [Fact]
    public async Task PatchReplacesPublicKeysWithJwkObjects()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("keys"), CancellationToken.None);
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS512, 3072, "new-kid");

        await Api.UpdateAsync(created.Client.ClientId, new ClientDefinition { PublicKeys = new List<PublicJwk> { key.PublicJwk } }, CancellationToken.None);

        Assert.Equal(new[] { "new-kid" }, (await Api.GetAsync(created.Client.ClientId, CancellationToken.None)).PublicKeyIds);
    }

    [Fact]
    public async Task DeleteAlwaysSendsTheConfirmHeader()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("doomed"), CancellationToken.None);
        Emulator.ClearRequests();

        await Api.DeleteAsync(created.Client.ClientId, CancellationToken.None);

        RecordedRequest delete = Assert.Single(Emulator.Requests);
        Assert.Equal(("DELETE", 204), (delete.Method, delete.Status));
        Assert.Equal(created.Client.ClientId, delete.Headers["qlik-confirm-delete"]);
        await Assert.ThrowsAsync<QlikApiException>(() => Api.GetAsync(created.Client.ClientId, CancellationToken.None));
    }

    [Fact]
    public async Task PublishReturnsPublishedAt()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("shared"), CancellationToken.None);

        DateTimeOffset? publishedAt = await Api.PublishAsync(created.Client.ClientId, CancellationToken.None);

        Assert.NotNull(publishedAt);
        Assert.Equal(publishedAt, (await Api.GetAsync(created.Client.ClientId, CancellationToken.None)).PublishedAt);
    }

    [Fact]
    public async Task SecretsCanBeAddedUpToFiveAndTheSixthIsRefusedSayingSo()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("rotating"), CancellationToken.None);
        var added = new List<NewClientSecret>();
        for (int i = 0; i < 4; i++)
        {
            added.Add(await Api.AddSecretAsync(created.Client.ClientId, CancellationToken.None));
        }

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.AddSecretAsync(created.Client.ClientId, CancellationToken.None));

        Assert.All(added, secret => Assert.Equal(5, secret.Hint!.Length));
        Assert.Equal((ClientErrors.ClientSecretLimitReached, QlikErrorKind.Conflict), (error.ErrorId, error.Kind));
        Assert.Contains("5", error.Message);
        Assert.Contains("Remove-QlikOAuthClientSecret", error.Message);
        Assert.Equal(409, Emulator.Requests[^1].Status);
    }

    [Fact]
    public async Task RemovingASecretByHintDropsIt()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("rotating"), CancellationToken.None);
        NewClientSecret second = await Api.AddSecretAsync(created.Client.ClientId, CancellationToken.None);

        await Api.RemoveSecretAsync(created.Client.ClientId, second.Hint!, CancellationToken.None);

        OAuthClient client = await Api.GetAsync(created.Client.ClientId, CancellationToken.None);
        Assert.Equal(created.Client.SecretHints, client.SecretHints);
        Assert.DoesNotContain(second.Hint, client.SecretHints);
    }

    [Fact]
    public async Task ConsentMethodIsReadAndSetThroughConnectionConfigs()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("consent"), CancellationToken.None);
        Assert.Equal("required", await Api.GetConsentMethodAsync(created.Client.ClientId, CancellationToken.None));
        Emulator.ClearRequests();

        string set = await Api.SetConsentMethodAsync(created.Client.ClientId, "Trusted", CancellationToken.None);

        Assert.Equal("trusted", set);
        RecordedRequest patch = Assert.Single(Emulator.Requests);
        Assert.Equal(($"/api/v1/oauth-clients/{created.Client.ClientId}/connection-configs/me", 204), (patch.Path, patch.Status));
        Assert.Equal("[{\"op\":\"replace\",\"path\":\"/consentMethod\",\"value\":\"trusted\"}]", patch.Body);
        Assert.Equal("trusted", await Api.GetConsentMethodAsync(created.Client.ClientId, CancellationToken.None));
    }

    [Fact]
    public async Task ConsentMethodOfAsksConnectionConfigsOnlyWhenTheReadModelLacksIt()
    {
        CreatedOAuthClient created = await Api.CreateAsync(M2M("consent"), CancellationToken.None);
        Emulator.ClearRequests();

        Assert.Equal("required", await Api.ConsentMethodOfAsync(created.Client, CancellationToken.None));
        Assert.Empty(Emulator.Requests);

        var bare = OAuthClientReader.Read(JsonDocument.Parse($"{{\"clientId\":\"{created.Client.ClientId}\"}}").RootElement, "test");
        Assert.Equal("required", await Api.ConsentMethodOfAsync(bare, CancellationToken.None));
        Assert.EndsWith("/connection-configs/me", Assert.Single(Emulator.Requests).Path);
    }
}
