using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Faults;

/// <summary>
/// Issue 11, defects 2, 5 and 7, and creates whose answer was lost: a change is reported done only when it was,
/// and input that would walk the URL path is refused before any request.
/// </summary>
public sealed class ChangeFaultTests : TenantFixture
{
    private OAuthClientsApi Api => new(Connection, Admin);

    [Fact]
    public async Task ARedirectIsAnErrorNamingItsHostAndTheDeleteIsNotReportedDone()
    {
        string clientId = (await Api.CreateAsync(new ClientDefinition { ClientName = "kept" }, CancellationToken.None)).Client.ClientId;
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients/" + clientId, Method = "DELETE", Status = 302, Location = "https://login.example.com/sso" });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.DeleteAsync(clientId, CancellationToken.None));

        Assert.Equal("QlikApi.Redirected", error.ErrorId);
        Assert.Contains("https://login.example.com", error.Message, StringComparison.Ordinal);
        Assert.Equal(clientId, (await Api.GetAsync(clientId, CancellationToken.None)).ClientId);
    }

    [Fact]
    public async Task ARetriedDeleteThatFindsNothingIsDoneAndSaysSoInVerbose()
    {
        string clientId = (await Api.CreateAsync(new ClientDefinition { ClientName = "deleted once" }, CancellationToken.None)).Client.ClientId;
        Emulator.ClearRequests();
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients/" + clientId, Method = "DELETE", DropAfterHandling = true });
        var verbose = new List<string>();

        using (QlikLog.BeginScope((level, message) => { lock (verbose) { verbose.Add(message); } }))
        {
            await Api.DeleteAsync(clientId, CancellationToken.None);
        }

        Assert.Contains(verbose, message => message.Contains("earlier try", StringComparison.Ordinal));
        Assert.Equal(new[] { 0, 404 }, (await SettledRequestsAsync(request => request.Method == "DELETE")).Select(request => request.Status));
        var gone = await Assert.ThrowsAsync<QlikApiException>(() => Api.GetAsync(clientId, CancellationToken.None));
        Assert.Equal(QlikErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task AFirstTryDeleteOfAnUnknownClientIsStillNotFound()
    {
        var error = await Assert.ThrowsAsync<QlikApiException>(() => Api.DeleteAsync("no-such-client", CancellationToken.None));

        Assert.Equal("QlikApi.NotFound", error.ErrorId);
    }

    [Fact]
    public async Task ACreateWhoseAnswerWasLostIsNotRepeatedAndSaysHowToCheck()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", Method = "POST", DropAfterHandling = true });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.CreateAsync(new ClientDefinition { ClientName = "answer lost" }, CancellationToken.None));

        Assert.Equal(ClientErrors.ClientCreateOutcomeUnknown, error.ErrorId);
        Assert.Contains("'answer lost'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Get-QlikOAuthClient -Name", error.Message, StringComparison.Ordinal);
        Assert.Single(await SettledRequestsAsync(request => request.Method == "POST"));
        Assert.Single(await Api.FindByNameAsync("answer lost", CancellationToken.None));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task ADotHintIsRefusedBeforeAnyRequestAndTheClientStays(string hint)
    {
        string clientId = (await Api.CreateAsync(new ClientDefinition { ClientName = "walked" }, CancellationToken.None)).Client.ClientId;
        Emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<QlikValidationException>(() => Api.RemoveSecretAsync(clientId, hint, CancellationToken.None));

        Assert.Equal(ClientErrors.InvalidSecretHint, error.ErrorId);
        Assert.Empty(Emulator.Requests);
        Assert.Equal(clientId, (await Api.GetAsync(clientId, CancellationToken.None)).ClientId);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task ADotClientIdIsRefused(string clientId)
    {
        var error = await Assert.ThrowsAsync<QlikValidationException>(() => Api.DeleteAsync(clientId, CancellationToken.None));

        Assert.Equal(ClientErrors.InvalidClientId, error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task AnAnswerLargerThanTheLimitIsRefusedTyped()
    {
        using var connection = new QlikConnection(Emulator.BaseUrl, new QlikHttpOptions { MaxResponseContentBytes = 64 });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => Engine.Users.UsersApi.GetMeAsync(connection, Admin, CancellationToken.None));

        Assert.Equal("QlikApi.ResponseTooLarge", error.ErrorId);
        Assert.Equal(QlikErrorKind.InvalidResponse, error.Kind);
    }
}
