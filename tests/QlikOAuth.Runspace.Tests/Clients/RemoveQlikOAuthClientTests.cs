using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Remove-QlikOAuthClient: ConfirmImpact High, -Force, -Confirm:$false, -WhatIf, pipeline input.</summary>
public sealed class RemoveQlikOAuthClientTests : ClientTestBase
{
    [Fact]
    public async Task ForceDeletesPipedClientsWithTheConfirmHeader()
    {
        string first = await ArrangeClientAsync("old-1");
        string second = await ArrangeClientAsync("old-2");
        string kept = await ArrangeClientAsync("keep");

        RunResult result = Run("Get-QlikOAuthClient -Name old-* | Remove-QlikOAuthClient -Force");

        Assert.Empty(result.Output);
        result.AssertNoErrors();
        Assert.Null(await TenantClientAsync(first));
        Assert.Null(await TenantClientAsync(second));
        Assert.NotNull(await TenantClientAsync(kept));
        Assert.All(RequestsAfterConnect().Where(request => request.Method == "DELETE"), request => Assert.Equal(request.Path.Split('/')[^1], request.Headers["qlik-confirm-delete"]));
    }

    [Fact]
    public async Task ConfirmFalseDeletesAndAnUnknownIdDoesNotStopTheNext()
    {
        string clientId = await ArrangeClientAsync("doomed");

        RunResult result = Run($"Remove-QlikOAuthClient -ClientId nosuchclient, {clientId} -Confirm:$false");

        Assert.Equal("QlikApi.NotFound,QlikOAuth.Commands.RemoveQlikOAuthClientCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Null(await TenantClientAsync(clientId));
    }

    [Fact]
    public async Task WithoutForceItAsksAndAHostThatCannotAskDeletesNothing()
    {
        string clientId = await ArrangeClientAsync("asked");

        RunResult result = Run($"Remove-QlikOAuthClient {clientId}");

        Assert.True(result.HadErrors);
        Assert.NotNull(await TenantClientAsync(clientId));
        Assert.DoesNotContain(RequestsAfterConnect(), request => request.Method == "DELETE");
    }

    [Fact]
    public async Task WhatIfWinsOverForce()
    {
        string clientId = await ArrangeClientAsync("dry");

        RunResult result = Run($"Remove-QlikOAuthClient {clientId} -Force -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(RequestsAfterConnect());
        Assert.NotNull(await TenantClientAsync(clientId));
    }
}
