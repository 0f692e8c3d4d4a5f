using System.Text.Json;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>The provisioner's plan and drift against the emulated tenant: only what differs is written, and a second sync writes nothing.</summary>
public sealed class ClientSyncTests : TenantFixture
{
    private OAuthClientsApi Api => new(Session.Connection, Session.Credential);

    private ClientProvisioner Provisioner => new(Api);

    private static ClientDefinition Definition(string name, string description = "nightly loads", string consent = "trusted") =>
        ClientDefinitionJson.Read(
            $$"""{"schemaVersion":1,"clientName":"{{name}}","description":"{{description}}","allowedAuthMethods":["client_secret"],"allowedGrantTypes":["client_credentials"],"allowedScopes":["user_default","admin_classic"],"allowedOrigins":["https://a.example.com"],"consentMethod":"{{consent}}"}""",
            name + ".json");

    private async Task<IReadOnlyList<ClientPlanStep>> SyncAsync(params ClientDefinition[] definitions)
    {
        IReadOnlyList<ClientPlanStep> plan = (await Provisioner.PlanAsync(definitions, prune: false, allowUnknownScopes: false, sessionClientId: null, CancellationToken.None)).Steps;
        foreach (ClientPlanStep step in plan)
        {
            if (step.Action == ClientSyncAction.Created)
            {
                await Provisioner.ProvisionAsync(step.Definition!, allowDuplicateName: true, CancellationToken.None);
            }
            else if (step.Action == ClientSyncAction.Updated)
            {
                await Provisioner.ApplyAsync(step.ClientId!, step.Drift!, CancellationToken.None);
            }
        }

        return plan;
    }

    private IEnumerable<RecordedRequest> Writes => Emulator.Requests.Where(request => request.Method != "GET");

    [Fact]
    public async Task ASecondSyncFindsEveryClientUnchangedAndWritesNothing()
    {
        IReadOnlyList<ClientPlanStep> first = await SyncAsync(Definition("etl"), Definition("reports", consent: "required"));
        Emulator.ClearRequests();

        IReadOnlyList<ClientPlanStep> second = await SyncAsync(Definition("etl"), Definition("reports", consent: "required"));

        Assert.Equal([ClientSyncAction.Created, ClientSyncAction.Created], first.Select(step => step.Action));
        Assert.Equal([ClientSyncAction.Unchanged, ClientSyncAction.Unchanged], second.Select(step => step.Action));
        Assert.Empty(Writes);
        Assert.NotEmpty(Emulator.Requests);
    }

    [Fact]
    public async Task DriftIsPatchedWithOnlyTheDifferingFieldsAndConsentByItsOwnCall()
    {
        await SyncAsync(Definition("etl"));
        OAuthClient client = Assert.Single(await Api.FindByNameAsync("etl", CancellationToken.None));
        await Api.UpdateAsync(client.ClientId, new ClientDefinition { Description = "changed by hand", AllowedScopes = ["user_default"] }, CancellationToken.None);
        await Api.SetConsentMethodAsync(client.ClientId, "required", CancellationToken.None);
        Emulator.ClearRequests();

        ClientPlanStep step = Assert.Single(await SyncAsync(Definition("etl")));

        Assert.Equal(ClientSyncAction.Updated, step.Action);
        Assert.Equal(
            ["description: changed by hand -> nightly loads", "allowedScopes: user_default -> admin_classic, user_default", "consentMethod: required -> trusted"],
            step.Drift!.Fields.Select(field => field.ToString()));
        RecordedRequest patch = Assert.Single(Writes, request => request.Path == $"/api/v1/oauth-clients/{client.ClientId}");
        using JsonDocument body = JsonDocument.Parse(patch.Body);
        Assert.Equal(["/description", "/allowedScopes"], body.RootElement.EnumerateArray().Select(operation => operation.GetProperty("path").GetString()));
        Assert.Single(Writes, request => request.Path.EndsWith("/connection-configs/me", StringComparison.Ordinal));
        Assert.Equal(2, Writes.Count());
    }

    [Fact]
    public async Task TwoTenantClientsOfADefinedNameStopThePlanNamingBothIds()
    {
        CreatedOAuthClient first = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "etl" }, true, CancellationToken.None);
        CreatedOAuthClient second = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "etl" }, true, CancellationToken.None);
        Emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Provisioner.PlanAsync([Definition("etl")], false, false, null, CancellationToken.None));

        Assert.Equal(ClientErrors.DuplicateClientName, error.ErrorId);
        Assert.Contains(first.Client.ClientId, error.Message);
        Assert.Contains(second.Client.ClientId, error.Message);
        Assert.Empty(Writes);
    }

    [Fact]
    public async Task TwoDefinitionsOfOneNameAreRefusedBeforeAnyRequest()
    {
        var error = await Assert.ThrowsAsync<QlikValidationException>(() => Provisioner.PlanAsync([Definition("etl"), Definition("etl", "other")], false, false, null, CancellationToken.None));

        Assert.Equal(ClientErrors.DefinitionNameClash, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task PruningPlansTheRemovalOfClientsNoDefinitionNames()
    {
        await SyncAsync(Definition("etl"));
        CreatedOAuthClient stray = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "stray" }, true, CancellationToken.None);

        IReadOnlyList<ClientPlanStep> plan = (await Provisioner.PlanAsync([Definition("etl")], prune: true, false, null, CancellationToken.None)).Steps;

        Assert.Equal([(ClientSyncAction.Unchanged, "etl"), (ClientSyncAction.Removed, "stray")], plan.Select(step => (step.Action, step.ClientName)));
        Assert.Equal(stray.Client.ClientId, plan[1].ClientId);
    }

    [Fact]
    public async Task AnExportedClientRoundTripsToTheSameDefinition()
    {
        await SyncAsync(Definition("etl"));
        OAuthClient client = Assert.Single(await Api.FindByNameAsync("etl", CancellationToken.None));

        ClientDefinition exported = ClientDefinition.Of(client, await Api.ConsentMethodOfAsync(client, CancellationToken.None));

        Assert.Equal(ClientDefinitionJson.Write(Definition("etl")), ClientDefinitionJson.Write(exported));
    }
}
