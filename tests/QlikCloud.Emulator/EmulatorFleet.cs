using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator;

/// <summary>
/// Several emulated tenants of one region, started from one options template on consecutive loopback ports: tenant i
/// listens on the template's port + i. Each is a whole <see cref="TenantEmulator"/> (own clients, users, tokens, CSP
/// entries, rate limits and test controls); they share the admin API key and every other option. Tenant ids differ:
/// see <see cref="TenantIdOf"/>. A client published on one tenant answers on every tenant's <c>/oauth/*</c> with the
/// same id and credential, each tenant keeping its own consent for it (section 8.3).
/// </summary>
public sealed class EmulatorFleet : IAsyncDisposable
{
    /// <summary>How many times port 0 looks for another run of free ports when one it chose was taken meanwhile.</summary>
    private const int PortSearchAttempts = 20;

    /// <summary>Where port 0 looks for a run: above the well-known and most registered service ports, below the ephemeral ports.</summary>
    private const int FirstUnreservedPort = 20000;

    private const int FirstEphemeralPort = 32768;

    private EmulatorFleet(IReadOnlyList<TenantEmulator> tenants) => Tenants = tenants;

    /// <summary>In port order: <c>Tenants[i].BaseUrl</c> has port <c>Tenants[0].BaseUrl.Port + i</c>.</summary>
    public IReadOnlyList<TenantEmulator> Tenants { get; }

    /// <summary>
    /// Starts <paramref name="tenantCount"/> tenants. With port 0 in the template's URL it finds a free run of ports
    /// (trying again when another process takes one first); with a fixed port a taken port fails the start.
    /// Nothing stays running when the start fails.
    /// </summary>
    public static async Task<EmulatorFleet> StartAsync(int tenantCount, EmulatorOptions? template = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tenantCount, 1);
        template ??= new EmulatorOptions();
        var url = new Uri(template.Url);
        if (url.Port != 0)
        {
            return new EmulatorFleet(await StartRunAsync(template, url, url.Port, tenantCount, cancellationToken));
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new EmulatorFleet(await StartRunAsync(template, url, FreePortBase(tenantCount), tenantCount, cancellationToken));
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException && attempt < PortSearchAttempts)
            {
                // Another process took a port of the run between the probe and the bind: look for another run.
            }
        }
    }

    /// <summary>
    /// Tenant i's id: the template's id with its last four characters replaced by i + 1 in four digits, so the default
    /// <see cref="EmulatorDefaults.TenantId"/> stays the id of the first tenant and every id keeps its length.
    /// </summary>
    public static string TenantIdOf(string templateTenantId, int index)
    {
        var number = (index + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        return templateTenantId.Length > number.Length ? templateTenantId[..^number.Length] + number : templateTenantId + number;
    }

    public async ValueTask DisposeAsync() => await DisposeAllAsync(Tenants);

    /// <summary>Starts the tenants in parallel (a Kestrel start is mostly waiting), or none of them.</summary>
    private static async Task<IReadOnlyList<TenantEmulator>> StartRunAsync(EmulatorOptions template, Uri url, int firstPort, int tenantCount, CancellationToken cancellationToken)
    {
        if (firstPort + tenantCount - 1 > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"{tenantCount} tenants from port {firstPort} would pass port {IPEndPoint.MaxPort}.", nameof(template));
        }
        var region = new Region();
        var starts = Enumerable.Range(0, tenantCount)
            .Select(i => TenantEmulator.StartAsync(OptionsOf(template, url, firstPort + i, i), region, cancellationToken))
            .ToList();
        try
        {
            return await Task.WhenAll(starts);
        }
        catch
        {
            await DisposeAllAsync([.. starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result)]);
            throw;
        }
    }

    private static EmulatorOptions OptionsOf(EmulatorOptions template, Uri url, int port, int index)
    {
        var options = template.Copy();
        options.Url = new UriBuilder(url) { Port = port }.Uri.GetLeftPart(UriPartial.Authority);
        options.TenantId = TenantIdOf(template.TenantId, index);
        return options;
    }

    /// <summary>
    /// A random first port below the systems' ephemeral ranges (Linux hands out 32768 and up, Windows and macOS 49152 and
    /// up); binding checks the run. A run from a port the system had just handed out lay among the ports of every
    /// outgoing connection: on a machine busy with connections (the test projects run side by side) a hundred free
    /// ports in a row were rare there, and 20 tries could all fail.
    /// </summary>
    private static int FreePortBase(int tenantCount) =>
        Random.Shared.Next(FirstUnreservedPort, Math.Max(FirstUnreservedPort + 1, FirstEphemeralPort - tenantCount + 1));

    private static async Task DisposeAllAsync(IEnumerable<TenantEmulator> tenants) =>
        await Task.WhenAll(tenants.Select(t => t.DisposeAsync().AsTask()));
}
