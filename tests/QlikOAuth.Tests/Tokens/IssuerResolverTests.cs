using System.Security;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>The issuer resolution the token cmdlets share, against the emulated tenant.</summary>
public sealed class IssuerResolverTests : TenantFixture, IDisposable
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("qlikoauth-issuers-").FullName;

    [Fact]
    public async Task TheSameClientAndTenantShareOneIssuerAndAChangeMakesANewOne()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        using var resolver = new IssuerResolver();

        TokenIssuer first = resolver.Resolve(new IssuerRequest { Connection = Session.Connection, Cache = Session.Tokens, Directory = Session.Credential, ClientId = client.ClientId, Secret = client.Secret }, out bool firstIsNew);
        TokenIssuer again = resolver.Resolve(new IssuerRequest { Connection = Session.Connection, Cache = Session.Tokens, Directory = Session.Credential, ClientId = client.ClientId, Secret = client.Secret }, out bool againIsNew);
        TokenIssuer narrower = resolver.Resolve(new IssuerRequest { Connection = Session.Connection, Cache = Session.Tokens, Directory = Session.Credential, ClientId = client.ClientId, Secret = client.Secret, Scope = "user_default" }, out bool narrowerIsNew);

        Assert.Equal((true, false, true), (firstIsNew, againIsNew, narrowerIsNew));
        Assert.Same(first, again);
        Assert.NotSame(first, narrower);
        Assert.False(string.IsNullOrEmpty((await again.GetAccessTokenAsync(CancellationToken.None)).Value));
    }

    [Fact]
    public async Task CallsThatPassTheSameSecretObjectShareOneAuthenticationAndTheCachedToken()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        using SecureString secret = client.Secret.Copy();
        // Two resolvers: two cmdlet calls, such as Get-QlikAccessToken -Credential $credential in a loop.
        using var firstCall = new IssuerResolver();
        using var secondCall = new IssuerResolver();

        TokenIssuer first = Resolve(firstCall, client.ClientId, secret);
        TokenIssuer second = Resolve(secondCall, client.ClientId, secret);
        AccessToken token = await first.GetAccessTokenAsync(CancellationToken.None);

        Assert.Same(first.Client, second.Client);
        Assert.Same(token, await second.GetAccessTokenAsync(CancellationToken.None));
        Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
    }

    [Fact]
    public async Task ASecretChangedInPlaceIsNeverAnsweredWithTheTokenOfTheTextItHeldBefore()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        using SecureString secret = client.Secret.Copy();
        using var firstCall = new IssuerResolver();
        using var secondCall = new IssuerResolver();
        await Resolve(firstCall, client.ClientId, secret).GetAccessTokenAsync(CancellationToken.None);

        secret.AppendChar('x'); // a SecureString that is not read-only can change under the same reference
        TokenIssuer changed = Resolve(secondCall, client.ClientId, secret);
        var error = await Assert.ThrowsAsync<QlikTokenException>(() => changed.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(TokenFailureReason.InvalidClientCredentials, error.Reason);
        Assert.Equal(2, Emulator.Requests.Count(request => request.Path == "/oauth/token"));
    }

    [Fact]
    public void TheSameSecretObjectForAnotherClientIsAnotherAuthentication()
    {
        using SecureString secret = SecretText.Protect("shared-secret").Copy();

        ClientSecretAuthentication first = ClientSecretAuthentication.For("client-one", secret);
        ClientSecretAuthentication other = ClientSecretAuthentication.For("client-two", secret);

        Assert.Equal("client-two", other.ClientId);
        Assert.NotSame(first, other);
    }

    [Fact]
    public async Task ATenantByUrlGetsItsOwnConnectionThatWorksWithoutTheSession()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin);
        using var resolver = new IssuerResolver();

        TokenIssuer issuer = resolver.Resolve(new IssuerRequest { TenantUrl = Emulator.BaseUrl, ClientId = client.ClientId, Secret = client.Secret }, out _);

        Assert.NotSame(Connection, issuer.Connection);
        Assert.False(string.IsNullOrEmpty((await issuer.GetAccessTokenAsync(CancellationToken.None)).Value));
    }

    [Fact]
    public void AKeyWithoutAKidIsRefusedBeforeAnyRequest()
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.ES384);
        string path = Path.Combine(_keyDirectory, "no-kid.pem");
        PrivateKeyWriter.WriteFile(path, PrivateKeyWriter.ToPkcs8Pem(key, null), overwrite: false);
        using var resolver = new IssuerResolver();

        var error = Assert.Throws<QlikValidationException>(() => resolver.Resolve(new IssuerRequest { Connection = Session.Connection, Cache = Session.Tokens, Directory = Session.Credential, ClientId = "someclient", Key = new SigningKeySource { KeyPath = path } }, out _));

        Assert.Equal(KeyErrors.MissingKeyId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    public void Dispose() => Directory.Delete(_keyDirectory, recursive: true);

    private TokenIssuer Resolve(IssuerResolver resolver, string clientId, SecureString secret) =>
        resolver.Resolve(new IssuerRequest { Connection = Session.Connection, Cache = Session.Tokens, Directory = Session.Credential, ClientId = clientId, Secret = secret }, out _);
}
