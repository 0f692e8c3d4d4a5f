using QlikOAuth.Engine.Errors;
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

        var error = Assert.Throws<QlikValidationException>(() => resolver.Resolve(new IssuerRequest { Connection = Session.Connection, Cache = Session.Tokens, Directory = Session.Credential, ClientId = "someclient", KeyPath = path }, out _));

        Assert.Equal(KeyErrors.MissingKeyId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    public void Dispose() => Directory.Delete(_keyDirectory, recursive: true);
}
