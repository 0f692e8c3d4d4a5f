using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>Every local rule refuses its input with its own error id, and nothing reaches the tenant.</summary>
public sealed class ClientValidationTests : TenantFixture
{
    private static readonly string SixOrigins = string.Join("|", Enumerable.Range(1, 6).Select(i => $"https://app{i}.example.com"));

    public static TheoryData<string, Action<ClientDefinition>> InvalidSpecs => new()
    {
        { ClientErrors.ClientNameRequired, spec => spec.ClientName = " " },
        { ClientErrors.ClientNameTooLong, spec => spec.ClientName = new string('n', 513) },
        { ClientErrors.DescriptionTooLong, spec => spec.Description = new string('d', 4097) },
        { ClientErrors.InvalidClientUri, spec => spec.ClientUri = "not a url" },
        { ClientErrors.InvalidClientUri, spec => spec.ClientUri = "https://example.com/" + new string('p', 2040) },
        { ClientErrors.InvalidLogoUri, spec => spec.LogoUri = "ftp://example.com/logo.png" },
        { ClientErrors.TooManyAllowedOrigins, spec => spec.AllowedOrigins = SixOrigins.Split('|') },
        { ClientErrors.InvalidAllowedOrigin, spec => spec.AllowedOrigins = new[] { "https://custom-app.com/path" } },
        { ClientErrors.InvalidAllowedOrigin, spec => spec.AllowedOrigins = new[] { "https://custom-app.com/" } },
        { ClientErrors.InvalidAllowedOrigin, spec => spec.AllowedOrigins = new[] { "custom-app.com" } },
        { ClientErrors.InvalidAllowedOrigin, spec => spec.AllowedOrigins = new[] { "https://" + new string('a', 250) + ".com" } },
        { ClientErrors.TooManyRedirectUris, spec => spec.RedirectUris = SixOrigins.Split('|').Select(o => o + "/cb").ToList() },
        { ClientErrors.InvalidRedirectUri, spec => spec.RedirectUris = new[] { "https://app.example.com/cb#fragment" } },
        { ClientErrors.InvalidRedirectUri, spec => spec.RedirectUris = new[] { "/relative/cb" } },
        { ClientErrors.InvalidScope, spec => spec.AllowedScopes = new[] { "user_default admin_classic" } },
        { ClientErrors.InvalidScope, spec => spec.AllowedScopes = new[] { "user_default,admin_classic" } },
        { ClientErrors.InvalidScope, spec => spec.AllowedScopes = new[] { "" } },
        { ClientErrors.UnknownGrantType, spec => spec.AllowedGrantTypes = new[] { "authorization_code" } },
        { ClientErrors.UnknownAuthMethod, spec => spec.AllowedAuthMethods = new[] { "basic" } },
        { ClientErrors.NoAuthMethod, spec => spec.AllowedAuthMethods = Array.Empty<string>() },
        { ClientErrors.PublicKeyRequired, spec => spec.AllowedAuthMethods = new[] { "PrivateKeyJwt" } },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task CreateRefusesLocallyWithAStableId(string errorId, Action<ClientDefinition> spoil)
    {
        var spec = new ClientDefinition { ClientName = "valid" };
        spoil(spec);

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => new OAuthClientsApi(Connection, Admin).CreateAsync(spec, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(QlikErrorKind.InvalidArgument, error.Kind);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task TwoKeysWithOneKidAreRefusedLocally()
    {
        using SigningKey first = KeyGenerator.Generate(SigningAlgorithm.RS256, keyId: "same");
        using SigningKey second = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "same");
        var spec = new ClientDefinition { ClientName = "keys", PublicKeys = new List<PublicJwk> { first.PublicJwk, second.PublicJwk } };

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => new OAuthClientsApi(Connection, Admin).CreateAsync(spec, CancellationToken.None));

        Assert.Equal(ClientErrors.DuplicateKeyId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AnEmptyChangeIsRefusedLocally()
    {
        var error = await Assert.ThrowsAsync<QlikValidationException>(() => new OAuthClientsApi(Connection, Admin).UpdateAsync("someclient", new ClientDefinition(), CancellationToken.None));

        Assert.Equal(ClientErrors.NothingToChange, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Theory]
    [InlineData(ClientErrors.ClientNameTooLong)]
    [InlineData(ClientErrors.InvalidAllowedOrigin)]
    [InlineData(ClientErrors.PublicKeyRequired)]
    public async Task ChangesAreHeldToTheSameRules(string errorId)
    {
        var changes = errorId switch
        {
            ClientErrors.ClientNameTooLong => new ClientDefinition { ClientName = new string('n', 600) },
            ClientErrors.InvalidAllowedOrigin => new ClientDefinition { AllowedOrigins = new[] { "https://x.com/app" } },
            _ => new ClientDefinition { AllowedAuthMethods = new[] { "private_key_jwt" }, PublicKeys = new List<PublicJwk>() },
        };

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => new OAuthClientsApi(Connection, Admin).UpdateAsync("someclient", changes, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("../users")]
    [InlineData("id?x=1")]
    [InlineData(" ")]
    public async Task AClientIdThatWouldLeaveItsPathSegmentIsRefused(string clientId)
    {
        var error = await Assert.ThrowsAsync<QlikValidationException>(() => new OAuthClientsApi(Connection, Admin).GetAsync(clientId, CancellationToken.None));

        Assert.Equal(ClientErrors.InvalidClientId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AnUnknownConsentMethodIsRefusedLocally()
    {
        var error = await Assert.ThrowsAsync<QlikValidationException>(() => new OAuthClientsApi(Connection, Admin).SetConsentMethodAsync("someclient", "always", CancellationToken.None));

        Assert.Equal(ClientErrors.InvalidConsentMethod, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public void ValidationRewritesFriendlyNamesToWireValuesAndDropsRepeats()
    {
        var spec = new ClientDefinition
        {
            ClientName = "friendly",
            AllowedGrantTypes = new[] { "ClientCredentials", "userimpersonation", "client_credentials" },
            AllowedAuthMethods = new[] { "ClientSecret" },
            AllowedOrigins = new[] { "https://custom-app.com", "https://custom-app.com", "http://localhost:8080" },
        };

        ClientDefinition wanted = OAuthClientValidator.Check(spec, forCreate: true);

        Assert.Equal(new[] { "client_credentials", "urn:qlik:oauth:user-impersonation" }, wanted.AllowedGrantTypes);
        Assert.Equal(new[] { "client_secret" }, wanted.AllowedAuthMethods);
        Assert.Equal(new[] { "https://custom-app.com", "http://localhost:8080" }, wanted.AllowedOrigins);
    }

    [Theory]
    [InlineData("user_defualt", "user_default")]
    [InlineData("admin_clasic", "admin_classic")]
    [InlineData("Apps:read", "apps:read")]
    [InlineData("identity.email:raed", "identity.email:read")]
    [InlineData("automl:deploy", null)]
    public void AnUnknownScopeIsRefusedWithTheNearestKnownOneWhenThereIsOne(string typed, string? suggestion)
    {
        var error = Assert.Throws<QlikValidationException>(() => ClientProvisioner.PlanCreate(new ClientDefinition { ClientName = "typo", AllowedScopes = new[] { typed } }, allowUnknownScopes: false));

        Assert.Equal(ClientErrors.UnknownScope, error.ErrorId);
        Assert.Contains("-AllowUnknownScope", error.Message);
        if (suggestion is null)
        {
            Assert.DoesNotContain("did you mean", error.Message);
        }
        else
        {
            Assert.Contains($"(did you mean {suggestion}?)", error.Message);
        }
    }

    [Fact]
    public void AllowUnknownScopesLetsAWellFormedScopeThroughButNotAMalformedOne()
    {
        var spec = new ClientDefinition { ClientName = "newer", AllowedScopes = new[] { "automl:deploy" } };
        var changes = new ClientDefinition { AllowedScopes = new[] { "user_default, automl" } };

        ClientDefinition wanted = ClientProvisioner.PlanCreate(spec, allowUnknownScopes: true);

        Assert.Equal(new[] { "automl:deploy" }, wanted.AllowedScopes);
        Assert.Equal(ClientErrors.InvalidScope, Assert.Throws<QlikValidationException>(() => OAuthClientValidator.Check(changes, forCreate: false)).ErrorId);
    }
}
