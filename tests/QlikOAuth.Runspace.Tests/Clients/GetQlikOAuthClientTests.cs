using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Get-QlikOAuthClient: all (across pages), by id from the pipeline, by name with wildcards, by SCIM filter.</summary>
public sealed class GetQlikOAuthClientTests : ClientTestBase
{
    [Fact]
    public async Task AllClientsArriveAcrossPagesWithTheirConsentMethod()
    {
        // One more than the largest page (100), so the cmdlet must follow links.next.
        for (int i = 0; i < 101; i++)
        {
            await ArrangeClientAsync($"bulk {i:000}", trusted: i == 0);
        }

        RunResult result = Run("Get-QlikOAuthClient");

        var clients = result.OutputOfType(ClientType);
        Assert.Equal(101, clients.Count);
        Assert.Equal(2, RequestsAfterConnect().Count(request => request.Path == "/api/v1/oauth-clients"));
        Assert.Equal("trusted", clients.Single(client => client.Prop<string>("Name") == "bulk 000").Prop<string>("ConsentMethod"));
        Assert.Equal(100, clients.Count(client => client.Prop<string>("ConsentMethod") == "required"));
        Assert.All(clients, client => Assert.Null(client.Prop<PSCredential>("Credential")));
    }

    [Fact]
    public async Task ByIdFromThePipelineAndAStringNoClientHasAsIdOrNameIsANonTerminatingNotFound()
    {
        string first = await ArrangeClientAsync("first");
        string second = await ArrangeClientAsync("second");

        RunResult result = Run($"'{first}', 'nosuchclient', '{second}' | Get-QlikOAuthClient");

        Assert.Equal(new[] { "first", "second" }, result.Output.Select(client => client.Prop<string>("Name")));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("ClientNotFound,QlikOAuth.Commands.GetQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nosuchclient", error.TargetObject);
    }

    [Fact]
    public async Task APipedStringThatIsNoClientIdIsANameWithWildcardsAllowed()
    {
        string embedded = await ArrangeClientAsync("Embedded analytics");
        string reporting = await ArrangeClientAsync("reporting");
        await ArrangeClientAsync("other");

        RunResult result = Run("'Embedded analytics', 'report*', 'reporting' | Get-QlikOAuthClient");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { embedded, reporting, reporting }, result.Output.Select(client => client.Prop<string>("ClientId")));
    }

    [Fact]
    public void AClientIdGivenAsAParameterIsNeverTakenForAName()
    {
        RunResult result = Run("Get-QlikOAuthClient -ClientId 'Embedded analytics'");

        Assert.StartsWith("InvalidClientId,", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task ByNameExactlyOrWithWildcardsAndAMissingExactNameIsAnError()
    {
        await ArrangeClientAsync("etl-nightly");
        await ArrangeClientAsync("etl-hourly");
        await ArrangeClientAsync("portal");

        RunResult exact = Run("Get-QlikOAuthClient -Name portal");
        RunResult wildcard = RunUnconnected("Get-QlikOAuthClient ETL-*");
        RunResult missing = RunUnconnected("Get-QlikOAuthClient -Name nobody -ErrorAction Stop");

        Assert.Equal("portal", exact.Single(ClientType).Prop<string>("Name"));
        Assert.Equal(new[] { "etl-nightly", "etl-hourly" }, wildcard.OutputOfType(ClientType).Select(client => client.Prop<string>("Name")));
        Assert.Equal("ClientNotFound,QlikOAuth.Commands.GetQlikOAuthClientCommand", missing.Terminating?.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.Terminating!.ErrorRecord.CategoryInfo.Category);
    }

    [Fact]
    public async Task ARawScimFilterIsSentAsGiven()
    {
        await ArrangeClientAsync("etl-nightly");
        await ArrangeClientAsync("portal");

        RunResult result = Run("Get-QlikOAuthClient -Filter 'clientName sw \"etl\"'");

        Assert.Equal("etl-nightly", result.Single(ClientType).Prop<string>("Name"));
        Assert.Contains(RequestsAfterConnect(), request => Uri.UnescapeDataString(request.Query).Contains("clientName sw \"etl\""));
    }

    [Fact]
    public void AnInvalidFilterIsTheTenantsBadRequest()
    {
        RunResult result = Run("Get-QlikOAuthClient -Filter 'clientName ~~ etl'");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("QlikApi.BadRequest,QlikOAuth.Commands.GetQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }
}
