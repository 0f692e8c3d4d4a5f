using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>Every app type Qlik has (web, native, spa, anonymous-embed): created, checked by its own rules before any request, changed, and copied as code.</summary>
public sealed class AppTypeTests : TenantFixture
{
    private OAuthClientsApi Api => new(Session.Connection, Session.Credential);

    private ClientProvisioner Provisioner => new(Api);

    /// <summary>A typical client of each type, given with the friendly names a person types.</summary>
    private static ClientDefinition Typical(string appType) => appType switch
    {
        "web" => new ClientDefinition { AppType = "Web", ClientName = "portal", AllowedGrantTypes = ["AuthorizationCode"], RedirectUris = ["https://portal.example.com/callback"], AllowedScopes = ["user_default", "offline_access"] },
        "native" => new ClientDefinition { AppType = "Native", ClientName = "desktop tool", RedirectUris = ["http://127.0.0.1:8765/callback"], AllowedScopes = ["user_default", "offline_access"] },
        "spa" => new ClientDefinition { AppType = "SinglePage", ClientName = "mashup", RedirectUris = ["http://localhost:5173/oauth-callback.html"], AllowedOrigins = ["http://localhost:5173"] },
        _ => new ClientDefinition { AppType = "AnonymousEmbed", ClientName = "public embed", AllowedOrigins = ["https://embed.example.com"] },
    };

    private async Task<string> ExportAsync(ProvisionedClient provisioned) =>
        ClientDefinitionJson.Write(ClientDefinition.Of(provisioned.Client, provisioned.ConsentMethod));

    [Theory]
    [InlineData("web")]
    [InlineData("native")]
    [InlineData("spa")]
    [InlineData("anonymous-embed")]
    public async Task EveryAppTypeIsCreatedAndItsExportRecreatesAByteIdenticalClient(string appType)
    {
        ProvisionedClient first = await Provisioner.ProvisionAsync(ClientProvisioner.PlanCreate(Typical(appType), allowUnknownScopes: false), false, CancellationToken.None);
        string exported = await ExportAsync(first);
        await Provisioner.RemoveAsync(first.Client.ClientId, CancellationToken.None);

        ProvisionedClient copy = await Provisioner.ProvisionAsync(ClientProvisioner.PlanCreate(ClientDefinitionJson.Read(exported, "copy.json"), false), false, CancellationToken.None);
        ClientPlan plan = await Provisioner.PlanAsync([ClientDefinitionJson.Read(exported, "again.json")], prune: false, allowUnknownScopes: false, sessionClientId: null, CancellationToken.None);

        Assert.Equal(appType, first.Client.AppType);
        Assert.Contains($"\"appType\": \"{appType}\"", exported);
        Assert.Equal(exported, await ExportAsync(copy));
        Assert.Equal(ClientSyncAction.Unchanged, Assert.Single(plan.Steps).Action);
        // Only a web client signing in with client_secret is confidential: the public types get no secret.
        Assert.Equal(appType == "web", first.Secret != null);
    }

    [Fact]
    public async Task AWebClientForPeopleHasRedirectUrisAndNoMachineGrant()
    {
        ProvisionedClient web = await Provisioner.ProvisionAsync(Typical("web"), false, CancellationToken.None);

        Assert.Empty(web.Client.AllowedGrantTypes);
        Assert.Equal(["https://portal.example.com/callback"], web.Client.RedirectUris);
        Assert.Equal([ClientVocabulary.ClientSecretMethod], web.Client.AllowedAuthMethods);
    }

    public static TheoryData<string, string> BrokenRules => new()
    {
        { "spa", "machine grant" },
        { "native", "machine grant" },
        { "anonymous-embed", "secret" },
        { "spa", "key" },
        { "anonymous-embed", "redirect" },
        { "native", "origin" },
        { "web", "sign-in without redirect" },
        { "desktop", "unknown type" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task EachAppTypesRulesAreCheckedBeforeAnyRequestWithTheirOwnIds(string appType, string broken)
    {
        using SigningKey key = KeyGenerator.Generate(SigningAlgorithm.RS256);
        var definition = new ClientDefinition { AppType = appType, ClientName = "broken" };
        string expected = broken switch
        {
            "machine grant" => Set(() => definition.AllowedGrantTypes = ["ClientCredentials"], ClientErrors.MachineGrantNotAllowed),
            "secret" => Set(() => definition.AllowedAuthMethods = ["ClientSecret"], ClientErrors.CredentialNotAllowed),
            "key" => Set(() => definition.PublicKeys = [key.PublicJwk], ClientErrors.CredentialNotAllowed),
            "redirect" => Set(() => definition.RedirectUris = ["https://embed.example.com/cb"], ClientErrors.RedirectUrisNotAllowed),
            "origin" => Set(() => definition.AllowedOrigins = ["https://desktop.example.com"], ClientErrors.AllowedOriginsNotAllowed),
            "sign-in without redirect" => Set(() => definition.AllowedGrantTypes = ["AuthorizationCode"], ClientErrors.RedirectUriRequired),
            _ => ClientErrors.UnknownAppType,
        };

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => Provisioner.ProvisionAsync(definition, true, CancellationToken.None));

        Assert.Equal(expected, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AnAppTypeNeverChanges()
    {
        ProvisionedClient spa = await Provisioner.ProvisionAsync(Typical("spa"), false, CancellationToken.None);
        Emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => Provisioner.DriftAsync(spa.Client.ClientId, new ClientDefinition { AppType = "Web", Description = "now web" }, false, CancellationToken.None));

        Assert.Equal(ClientErrors.AppTypeCannotChange, error.ErrorId);
        Assert.DoesNotContain(Emulator.Requests, request => request.Method != "GET");
    }

    [Fact]
    public async Task AChangeToAPublicClientIsHeldToItsTypesRules()
    {
        ProvisionedClient spa = await Provisioner.ProvisionAsync(Typical("spa"), false, CancellationToken.None);
        ClientDrift drift = await Provisioner.DriftAsync(spa.Client.ClientId, new ClientDefinition { RedirectUris = ["http://localhost:5173/callback"] }, false, CancellationToken.None);
        await Provisioner.ApplyAsync(spa.Client.ClientId, drift, CancellationToken.None);
        Emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => Provisioner.DriftAsync(spa.Client.ClientId, new ClientDefinition { AllowedGrantTypes = ["ClientCredentials"] }, false, CancellationToken.None));

        Assert.Equal(["http://localhost:5173/callback"], (await Api.GetAsync(spa.Client.ClientId, CancellationToken.None)).RedirectUris);
        Assert.Equal(ClientErrors.MachineGrantNotAllowed, error.ErrorId);
        Assert.DoesNotContain(Emulator.Requests, request => request.Method != "GET");
    }

    [Fact]
    public async Task ADefinitionNeverMatchesAClientOfAnotherAppTypeByName()
    {
        await Provisioner.ProvisionAsync(new ClientDefinition { ClientName = "mashup" }, false, CancellationToken.None);
        ClientDefinition spa = ClientDefinitionJson.Read(ClientDefinitionJson.Write(OAuthClientValidator.Check(Typical("spa"), forCreate: true)), "mashup.json");
        Emulator.ClearRequests();

        ClientPlan plan = await Provisioner.PlanAsync([spa], prune: false, allowUnknownScopes: false, sessionClientId: null, CancellationToken.None);

        Assert.Empty(plan.Steps);
        Assert.Equal(ClientErrors.DefinitionMatchesOtherAppType, Assert.Single(plan.Refused).ErrorId);
    }

    [Fact]
    public async Task PruneRemovesAClientOfAnyTypeNoDefinitionNamesButNeverTheSessionsOwn()
    {
        ProvisionedClient spa = await Provisioner.ProvisionAsync(Typical("spa"), false, CancellationToken.None);
        ProvisionedClient native = await Provisioner.ProvisionAsync(Typical("native"), false, CancellationToken.None);

        ClientPlan plan = await Provisioner.PlanAsync([], prune: true, allowUnknownScopes: false, sessionClientId: native.Client.ClientId, CancellationToken.None);

        Assert.Contains(plan.Steps, step => step.Action == ClientSyncAction.Removed && step.ClientId == spa.Client.ClientId);
        Assert.DoesNotContain(plan.Steps, step => step.ClientId == native.Client.ClientId);
        Assert.Equal(native.Client.ClientId, Assert.Single(plan.LeftAlone).ClientId);
    }

    private static string Set(Action spoil, string errorId)
    {
        spoil();
        return errorId;
    }
}
