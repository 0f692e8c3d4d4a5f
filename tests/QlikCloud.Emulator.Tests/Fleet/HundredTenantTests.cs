using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace QlikCloud.Emulator.Tests.Fleet;

/// <summary>
/// The size of the issue 23 benchmark (100 tenants × 10 clients) in one process. It checks the fleet stays correct at
/// that size; the times it prints are for the report, not asserted.
/// </summary>
public sealed class HundredTenantTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AHundredTenantsStartAndEachKeepsItsOwnTenClients()
    {
        var started = Stopwatch.StartNew();
        await using var fleet = await EmulatorFleet.StartAsync(100);
        var startTime = started.Elapsed;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var filled = Stopwatch.StartNew();
        await Parallel.ForEachAsync(fleet.Tenants, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (tenant, _) =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var request = Admin(tenant, HttpMethod.Post, "/api/v1/oauth-clients");
                request.Content = new StringContent($$"""{"appType":"web","clientName":"client {{i}}","allowedScopes":["user_default"]}""", Encoding.UTF8, "application/json");
                Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(request)).StatusCode);
            }
        });
        var fillTime = filled.Elapsed;

        foreach (var tenant in fleet.Tenants)
        {
            using var request = Admin(tenant, HttpMethod.Get, "/api/v1/oauth-clients?limit=100");
            var page = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
            Assert.Equal(10, page["data"]!.AsArray().Count);
            Assert.All(page["data"]!.AsArray(), client => Assert.Equal(tenant.TenantId, (string?)client!["tenantId"]));
        }
        using var process = Process.GetCurrentProcess();
        output.WriteLine($"100 tenants started in {startTime.TotalMilliseconds:F0} ms; 1000 clients made in {fillTime.TotalMilliseconds:F0} ms; test process working set {process.WorkingSet64 / (1024 * 1024)} MB");
    }

    private static HttpRequestMessage Admin(TenantEmulator tenant, HttpMethod method, string path) =>
        new(method, $"{tenant.BaseUrl}{path}") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tenant.AdminApiKey) } };
}
