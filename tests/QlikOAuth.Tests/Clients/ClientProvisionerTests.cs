using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Clients;

/// <summary>The provisioning steps New-QlikOAuthClient runs (and a later copy or sync will), against the emulated tenant.</summary>
public sealed class ClientProvisionerTests : TenantFixture
{
    private ClientProvisioner Provisioner => new(new OAuthClientsApi(Session.Connection, Session.Credential));

    [Fact]
    public async Task ANameThatExistsIsAConflictNamingTheClientAndNothingIsCreated()
    {
        CreatedOAuthClient first = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "etl" }, allowDuplicateName: false, CancellationToken.None);

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Provisioner.CreateAsync(new ClientDefinition { ClientName = "etl" }, false, CancellationToken.None));

        Assert.Equal((ClientErrors.ClientNameExists, QlikErrorKind.Conflict), (error.ErrorId, error.Kind));
        Assert.Equal(first.Client.ClientId, error.Target);
        Assert.Contains("-AllowDuplicateName", error.Message);
        Assert.Single(Emulator.Requests, request => request.Method == "POST");
    }

    [Fact]
    public async Task AllowingDuplicatesCreatesWithoutLookingTheNameUp()
    {
        await Provisioner.CreateAsync(new ClientDefinition { ClientName = "twin" }, allowDuplicateName: false, CancellationToken.None);

        CreatedOAuthClient second = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "twin" }, allowDuplicateName: true, CancellationToken.None);

        Assert.NotNull(second.Secret);
        Assert.Equal(2, Emulator.Requests.Count(request => request.Method == "POST"));
        Assert.Single(Emulator.Requests, request => request.Method == "GET");
    }

    [Fact]
    public async Task SettlingReadsTheConsentInForceAndSetsTrustedOnlyWhenAskedAndMissing()
    {
        CreatedOAuthClient plain = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "plain" }, true, CancellationToken.None);
        CreatedOAuthClient trusted = await Provisioner.CreateAsync(new ClientDefinition { ClientName = "trusted", ConsentMethod = "trusted" }, true, CancellationToken.None);

        string? left = await Provisioner.SettleConsentAsync(plain.Client.ClientId, trusted: false, CancellationToken.None);
        string? already = await Provisioner.SettleConsentAsync(trusted.Client.ClientId, trusted: true, CancellationToken.None);
        int patchesBefore = Emulator.Requests.Count(request => request.Method == "PATCH");
        string? set = await Provisioner.SettleConsentAsync(plain.Client.ClientId, trusted: true, CancellationToken.None);

        Assert.Equal(("required", "trusted", "trusted"), (left, already, set));
        Assert.Equal(0, patchesBefore);
        Assert.Single(Emulator.Requests, request => request.Method == "PATCH");
        Assert.Equal("trusted", await new OAuthClientsApi(Session.Connection, Session.Credential).GetConsentMethodAsync(plain.Client.ClientId, CancellationToken.None));
    }
}
