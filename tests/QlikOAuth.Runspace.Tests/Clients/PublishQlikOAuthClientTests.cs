using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

public sealed class PublishQlikOAuthClientTests : ClientTestBase
{
    [Fact]
    public async Task PublishSetsPublishedAtAndPassThruShowsIt()
    {
        string clientId = await ArrangeClientAsync("shared");

        RunResult result = Run($"Get-QlikOAuthClient -ClientId {clientId} | Publish-QlikOAuthClient -PassThru");

        Assert.NotNull(result.Single(ClientType).Prop<DateTimeOffset?>("PublishedAt"));
        Assert.Contains(RequestsAfterConnect(), request => request.Path == $"/api/v1/oauth-clients/{clientId}/actions/publish" && request.Status == 201);
    }

    [Fact]
    public async Task WithoutPassThruNothingIsEmittedAndWhatIfSendsNothing()
    {
        string clientId = await ArrangeClientAsync("shared");

        RunResult dry = Run($"Publish-QlikOAuthClient {clientId} -WhatIf");
        Assert.Empty(RequestsAfterConnect());
        RunResult real = RunUnconnected($"Publish-QlikOAuthClient {clientId}");

        Assert.Empty(dry.Output);
        Assert.Empty(real.Output);
        real.AssertNoErrors();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await TenantClientAsync(clientId))!.Value.GetProperty("publishedAt").ValueKind);
    }
}
