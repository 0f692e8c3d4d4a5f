using Microsoft.Extensions.Hosting;

namespace QlikCloud.Emulator.Hosting;

/// <summary>
/// Replaces the console lifetime: an emulator inside a test process must not hook Ctrl+C/SIGTERM (several run side
/// by side). The standalone Program handles signals itself.
/// </summary>
internal sealed class InProcessLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
