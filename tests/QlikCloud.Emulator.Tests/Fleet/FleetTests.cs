using System.Net;
using System.Net.Sockets;
using QlikCloud.Emulator.Tests.Support;

namespace QlikCloud.Emulator.Tests.Fleet;

public sealed class FleetTests : FleetTest
{
    protected override EmulatorOptions Options => new() { AdminApiKey = "fleet-key", Tier2Limit = 2 };

    [Fact]
    public void TenantsListenOnConsecutivePortsWithTheirOwnIds()
    {
        var first = Fleet.Tenants[0].BaseUrl.Port;
        Assert.Equal([first, first + 1, first + 2], Fleet.Tenants.Select(t => t.BaseUrl.Port));
        Assert.Equal(3, Fleet.Tenants.Select(t => t.TenantId).Distinct().Count());
        Assert.Equal(EmulatorDefaults.TenantId, Fleet.Tenants[0].TenantId);
        Assert.All(Fleet.Tenants, t => Assert.Equal("fleet-key", t.AdminApiKey));
    }

    [Fact]
    public async Task EveryTenantTakesTheSharedAdminKeyAndAnswersWithItsOwnTenantId()
    {
        for (var i = 0; i < 3; i++)
        {
            var response = await AdminAsync(i, HttpMethod.Get, "/api/v1/users/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Fleet.Tenants[i].TenantId, (string?)(await JsonAsync(response))["tenantId"]);
        }
    }

    [Fact]
    public async Task AClientMadeOnOneTenantIsUnknownToTheOthers()
    {
        var (id, secret) = await CreateM2MAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(0, ClientCredentials(id, secret))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminAsync(1, HttpMethod.Get, $"/api/v1/oauth-clients/{id}")).StatusCode);
        Assert.Empty((await JsonAsync(await AdminAsync(1, HttpMethod.Get, "/api/v1/oauth-clients")))["data"]!.AsArray());
        var refused = await TokenAsync(1, ClientCredentials(id, secret));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("OAUTH-14", (string?)(await JsonAsync(refused))["errors"]![0]!["code"]);
    }

    [Fact]
    public async Task CspEntriesAreKeptPerTenant()
    {
        var entry = """{"origin":"app.example.com","name":"app","frameAncestors":true}""";
        Assert.Equal(HttpStatusCode.Created, (await AdminAsync(2, HttpMethod.Post, "/api/v1/csp-origins", entry)).StatusCode);
        Assert.Single((await JsonAsync(await AdminAsync(2, HttpMethod.Get, "/api/v1/csp-origins")))["data"]!.AsArray());
        Assert.Empty((await JsonAsync(await AdminAsync(0, HttpMethod.Get, "/api/v1/csp-origins")))["data"]!.AsArray());
    }

    [Fact]
    public async Task ARateLimitedTenantDoesNotSlowAnotherForTheSameKey()
    {
        Task<HttpResponseMessage> AddOrigin(int tenant, string origin) =>
            AdminAsync(tenant, HttpMethod.Post, "/api/v1/csp-origins", $$"""{"origin":"{{origin}}","frameAncestors":true}""");
        Assert.Equal(HttpStatusCode.Created, (await AddOrigin(0, "a.example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AddOrigin(0, "b.example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AddOrigin(0, "c.example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await AddOrigin(1, "c.example.com")).StatusCode);
    }

    [Fact]
    public async Task DisposingTheFleetClosesEveryPort()
    {
        var ports = Fleet.Tenants.Select(t => t.BaseUrl.Port).ToList();
        await Fleet.DisposeAsync();
        foreach (var port in ports)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }
}

public sealed class FleetStartTests
{
    [Fact]
    public async Task AFixedPortRunWithATakenPortFailsAndLeavesNothingListening()
    {
        // The run's first port is held until just before the run, and its second stays taken: a port next to a taken
        // one, picked at random, was sometimes another test's (tests run in parallel), and the run failed there instead.
        (TcpListener first, TcpListener taken) = NeighbouringListeners();
        using (taken)
        {
            int firstPort = PortOf(first);
            first.Dispose();
            var failure = await Assert.ThrowsAsync<IOException>(() => EmulatorFleet.StartAsync(3, new EmulatorOptions { Url = $"http://127.0.0.1:{firstPort}" }));
            Assert.Contains(PortOf(taken).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message);
            using var probe = new TcpListener(IPAddress.Loopback, firstPort);
            probe.Start();
        }
    }

    private static (TcpListener First, TcpListener Second) NeighbouringListeners()
    {
        for (int attempt = 0; ; attempt++)
        {
            var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var second = new TcpListener(IPAddress.Loopback, PortOf(first) + 1);
            try
            {
                second.Start();
                return (first, second);
            }
            catch (SocketException) when (attempt < 20)
            {
                first.Dispose();
            }
        }
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    [Fact]
    public async Task OneTenantFleetIsTheTemplatesTenant()
    {
        await using var fleet = await EmulatorFleet.StartAsync(1, new EmulatorOptions { TenantId = "customtenantid" });
        Assert.Equal("customtena0001", Assert.Single(fleet.Tenants).TenantId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ACountBelowOneIsRefused(int count) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorFleet.StartAsync(count));

    [Fact]
    public void TenantIdsKeepTheTemplateLengthAndEndInTheTenantNumber()
    {
        Assert.Equal(EmulatorDefaults.TenantId, EmulatorFleet.TenantIdOf(EmulatorDefaults.TenantId, 0));
        Assert.Equal(EmulatorDefaults.TenantId[..^4] + "0100", EmulatorFleet.TenantIdOf(EmulatorDefaults.TenantId, 99));
        Assert.Equal("ab0002", EmulatorFleet.TenantIdOf("ab", 1));
    }
}
