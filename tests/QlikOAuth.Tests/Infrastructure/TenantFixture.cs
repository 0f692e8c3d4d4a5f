using System.Net;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;

namespace QlikOAuth.Tests.Infrastructure;

/// <summary>
/// A fresh emulated tenant on loopback per test, and an engine session connected to it with the admin
/// API key. Override <see cref="Configure"/> to change the tenant before it starts.
/// </summary>
public abstract class TenantFixture : IAsyncLifetime
{
    protected TenantEmulator Emulator { get; private set; } = null!;

    protected TenantSession Session { get; private set; } = null!;

    protected QlikConnection Connection => Session.Connection;

    protected ITenantCredential Admin => Session.Credential;

    protected virtual void Configure(EmulatorOptions options)
    {
    }

    /// <summary>The session's clock (its waits, assertion times); null: the system clock.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>Fast retries: tests must not sleep for production back-offs.</summary>
    protected virtual QlikHttpOptions HttpOptions => new() { TransientBackoff = TimeSpan.FromMilliseconds(10) };

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { EnableTestControls = true };
        Configure(options);
        Emulator = await TenantEmulator.StartAsync(options);
        Session = await TenantSession.ConnectAsync(
            Emulator.BaseUrl, new ApiKeyCredential(new NetworkCredential(string.Empty, Emulator.AdminApiKey).SecurePassword), HttpOptions, Clock, CancellationToken.None);
        Emulator.ClearRequests();
    }

    /// <summary>
    /// The matching requests once the log has settled: a dropped connection is logged by the emulator
    /// only after the client has already seen the failure.
    /// </summary>
    protected async Task<IReadOnlyList<RecordedRequest>> SettledRequestsAsync(Func<RecordedRequest, bool> match)
    {
        int previous = -1;
        for (int stableChecks = 0, tries = 0; stableChecks < 3 && tries < 50; tries++)
        {
            await Task.Delay(50);
            int count = Emulator.Requests.Count(match);
            stableChecks = count > 0 && count == previous ? stableChecks + 1 : 0;
            previous = count;
        }

        return Emulator.Requests.Where(match).ToList();
    }

    public async Task DisposeAsync()
    {
        Session.Dispose();
        await Emulator.DisposeAsync();
    }
}
