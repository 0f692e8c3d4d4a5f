using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>A client whose keys the tenant reads from a JWKS URL: registered through the engine, and proven with a private key JWT token end to end.</summary>
public sealed class JwksUriTests : TenantFixture
{
    protected override void Configure(EmulatorOptions options) => options.FetchLoopbackJwks = true;

    private OAuthClientsApi Api => new(Session.Connection, Session.Credential);

    private async Task<string> CreateAsync(Uri jwksUri)
    {
        var spec = new ClientDefinition { ClientName = "jwks client", AllowedAuthMethods = ["PrivateKeyJwt"], JwksUri = jwksUri.ToString(), ConsentMethod = "trusted" };
        ProvisionedClient created = await new ClientProvisioner(Api).ProvisionAsync(spec, false, CancellationToken.None);
        Assert.Equal(jwksUri.ToString(), created.Client.JwksUri);
        Assert.Empty(created.Client.PublicKeyIds);
        Assert.Null(created.Secret);
        return created.Client.ClientId;
    }

    [Fact]
    public async Task APrivateKeyJwtTokenIsIssuedWithTheKeyTheJwksUrlServes()
    {
        SigningKey key = KeyGenerator.Generate(SigningAlgorithm.ES384, 0, "jwks-key");
        Uri jwksUri = Emulator.ServeJwks("app", $$"""{"keys":[{{key.PublicJwk.ToJson()}}]}""");
        string clientId = await CreateAsync(jwksUri);
        using var authentication = new PrivateKeyJwtAuthentication(clientId, key);

        AccessToken token = await new TokenIssuer(Connection, authentication, null, null, null).GetAccessTokenAsync(CancellationToken.None);

        Assert.NotNull(token.Value);
        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/token" && request.Status == 200);
    }

    [Fact]
    public async Task AKeyTheJwksUrlNoLongerServesIsRefusedAtOnce()
    {
        SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "old-key");
        using SigningKey other = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "new-key");
        Uri jwksUri = Emulator.ServeJwks("app", $$"""{"keys":[{{key.PublicJwk.ToJson()}}]}""");
        string clientId = await CreateAsync(jwksUri);
        Emulator.ServeJwks("app", $$"""{"keys":[{{other.PublicJwk.ToJson()}}]}""");
        using var authentication = new PrivateKeyJwtAuthentication(clientId, key);

        var error = await Assert.ThrowsAnyAsync<QlikOAuthException>(() => new TokenIssuer(Connection, authentication, null, null, null).GetAccessTokenAsync(CancellationToken.None));

        // The tenant fetched the new document, which lacks the kid: the emulator's tests check its reason word for word.
        Assert.Contains("OAUTH-3", error.Message);
    }

    [Fact]
    public async Task AJwksUrlThatCannotBeFetchedRefusesTheToken()
    {
        SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "kid-1");
        string clientId = await CreateAsync(new Uri(Emulator.BaseUrl, "/_emulator/jwks/missing"));
        using var authentication = new PrivateKeyJwtAuthentication(clientId, key);

        var error = await Assert.ThrowsAnyAsync<QlikOAuthException>(() => new TokenIssuer(Connection, authentication, null, null, null).GetAccessTokenAsync(CancellationToken.None));

        Assert.Contains("OAUTH-3", error.Message);
    }

    [Fact]
    public void InlineKeysAndAJwksUrlTogetherAreRefusedBeforeAnyRequest()
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "kid-1");
        var spec = new ClientDefinition { ClientName = "both", PublicKeys = [key.PublicJwk], JwksUri = "https://keys.example.com/jwks.json" };

        var error = Assert.Throws<QlikValidationException>(() => OAuthClientValidator.Check(spec, forCreate: true));

        Assert.Equal(ClientErrors.JwksUriWithPublicKeys, error.ErrorId);
    }
}
