using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>A tenant that ignores connectionConfig at create: trusted needs the consent call, and the result is the state after it.</summary>
public sealed class ProvisionConsentTests : TenantFixture
{
    protected override void Configure(EmulatorOptions options) => options.IgnoreConsentAtCreate = true;

    [Fact]
    public async Task TheProvisionedClientIsTheTenantsStateAfterTheConsentCall()
    {
        var provisioner = new ClientProvisioner(new OAuthClientsApi(Session.Connection, Session.Credential));

        ProvisionedClient provisioned = await provisioner.ProvisionAsync(new ClientDefinition { ClientName = "etl", ConsentMethod = "trusted" }, false, CancellationToken.None);

        Assert.Null(provisioned.Incomplete);
        Assert.NotNull(provisioned.Secret);
        Assert.Equal("trusted", provisioned.ConsentMethod);
        Assert.Equal("trusted", provisioned.Client.ConsentMethod);
        Assert.Contains("\"consentMethod\":\"trusted\"", provisioned.Client.RawJson);
        Assert.Equal(
            ["GET /api/v1/oauth-clients", "POST /api/v1/oauth-clients", "GET connection-configs/me", "PATCH connection-configs/me", "GET /api/v1/oauth-clients/{id}"],
            Emulator.Requests.Select(request => $"{request.Method} {(request.Path.EndsWith("/connection-configs/me", StringComparison.Ordinal) ? "connection-configs/me" : request.Path.Replace(provisioned.Client.ClientId, "{id}"))}"));
    }
}
