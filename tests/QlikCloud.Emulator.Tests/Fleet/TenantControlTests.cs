using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Fleet;

/// <summary>One tenant of a fleet stopped or failing while the others answer: in-process and over /_emulator/*.</summary>
public sealed class TenantControlTests : FleetTest
{
    protected override EmulatorOptions Options => new() { EnableTestControls = true };

    [Fact]
    public async Task AStoppedTenantsPortRefusesConnectionsAndTheOthersAnswer()
    {
        await Fleet.Tenants[1].StopAsync();

        Assert.Equal(SocketError.ConnectionRefused, await ConnectAsync(1));
        await AssertAnswerAsync(0, HttpStatusCode.OK);
        await AssertAnswerAsync(2, HttpStatusCode.OK);
    }

    [Fact]
    public async Task StopOverHttpAnswers202ThenThePortRefusesConnections()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(1, HttpMethod.Post, "/_emulator/stop")).StatusCode);

        var waited = Stopwatch.StartNew();
        while (await ConnectAsync(1) != SocketError.ConnectionRefused)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the stopped tenant still accepts connections after 10 s");
            await Task.Delay(20);
        }
        await AssertAnswerAsync(0, HttpStatusCode.OK);
        await AssertAnswerAsync(2, HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnOutageFailsEveryRequestOfItsTenantUntilItEnds()
    {
        Fleet.Tenants[2].SetOutage(503);

        await AssertAnswerAsync(2, HttpStatusCode.ServiceUnavailable);
        var token = await TokenAsync(2, ClientCredentials("any", "secret"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Equal("503", (string?)(await JsonAsync(token))["errors"]![0]!["status"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await SendAsync(2, HttpMethod.Get, "/api/v1/users/me")).StatusCode);
        await AssertAnswerAsync(0, HttpStatusCode.OK);
        await AssertAnswerAsync(1, HttpStatusCode.OK);

        Fleet.Tenants[2].SetOutage(null);
        await AssertAnswerAsync(2, HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnOutageOverHttpLeavesTheControlsWorkingAndEndsWithDeleteOrReset()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(0, HttpMethod.Post, "/_emulator/outage", """{"status":500}""")).StatusCode);
        await AssertAnswerAsync(0, HttpStatusCode.InternalServerError);
        await AssertAnswerAsync(1, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(0, HttpMethod.Get, "/_emulator/requests")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(0, HttpMethod.Delete, "/_emulator/outage")).StatusCode);
        await AssertAnswerAsync(0, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(0, HttpMethod.Post, "/_emulator/outage", """{"status":503}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(0, HttpMethod.Post, "/_emulator/reset")).StatusCode);
        await AssertAnswerAsync(0, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(600)]
    public async Task AnOutageStatusMustBeAnError(int status)
    {
        Assert.Throws<ArgumentException>(() => Fleet.Tenants[0].SetOutage(status));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(0, HttpMethod.Post, "/_emulator/outage", $$"""{"status":{{status}}}""")).StatusCode);
        await AssertAnswerAsync(0, HttpStatusCode.OK);
    }

    private async Task AssertAnswerAsync(int tenant, HttpStatusCode status) =>
        Assert.Equal(status, (await AdminAsync(tenant, HttpMethod.Get, "/api/v1/users/me")).StatusCode);

    /// <summary>Success, or why a fresh TCP connection to the tenant's port failed.</summary>
    private async Task<SocketError> ConnectAsync(int tenant)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, Fleet.Tenants[tenant].BaseUrl.Port);
            return SocketError.Success;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }
}
