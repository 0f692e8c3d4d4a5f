using System.Net;
using System.Security;
using QlikCloud.Emulator;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>
/// Each test gets its own emulated tenant on loopback and its own runspace with the module imported, so
/// default sessions, clients and rate counters never leak between tests. Scripts see $TenantUrl and
/// $ApiKey (a SecureString); <see cref="ConnectScript"/> connects with them.
/// </summary>
public abstract class TenantTestBase : IAsyncLifetime
{
    public const string ConnectScript = "Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey";

    protected TenantEmulator Emulator { get; private set; } = null!;

    protected PowerShellSession Shell { get; private set; } = null!;

    /// <summary>Override to change the tenant before it starts (rate limits, users, ...).</summary>
    protected virtual void Configure(EmulatorOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { EnableTestControls = true };
        Configure(options);
        Emulator = await TenantEmulator.StartAsync(options);
        Shell = new PowerShellSession();
        Shell.SetVariable("TenantUrl", Emulator.BaseUrl.ToString());
        Shell.SetVariable("ApiKey", new NetworkCredential(string.Empty, Emulator.AdminApiKey).SecurePassword);
    }

    public async Task DisposeAsync()
    {
        Shell.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Runs a script after connecting with the admin API key (the connect's output is discarded).</summary>
    protected RunResult RunConnected(string script) => Shell.Run($"{ConnectScript} | Out-Null\n{script}");

    /// <summary>Requests that crossed the wire after the connect, i.e. what the script under test sent.</summary>
    protected IReadOnlyList<RecordedRequest> RequestsAfterConnect() =>
        Emulator.Requests.SkipWhile(request => request.Path != "/api/v1/users/me").Skip(1).ToList();

    protected static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;
}
