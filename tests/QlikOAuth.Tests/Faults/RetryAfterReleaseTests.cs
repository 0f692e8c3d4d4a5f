using Microsoft.Extensions.Time.Testing;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Faults;

/// <summary>
/// The rate gate opens when the tenant's Retry-After says, not a random fifth later: a spread of up to 20% cost up
/// to a second per rate window (issue 22). The module and the emulator share a fake clock, so the test moves time.
/// </summary>
public sealed class RetryAfterReleaseTests : TenantFixture
{
    private const string Me = "/api/v1/users/me";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _clock;

    protected override void Configure(EmulatorOptions options) => options.Clock = _clock;

    [Fact]
    public async Task TheRetryIsSentAsSoonAsRetryAfterHasPassed()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 60 });
        Task<QlikUser> call = await StartWaitingAsync();

        _clock.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromMilliseconds(50));

        Assert.Same(call, await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.NotNull((await call).Id);
        Assert.Equal(2, Emulator.Requests.Count(request => request.Path == Me));
    }

    [Fact]
    public async Task TheRetryIsNeverSentBeforeRetryAfterHasPassed()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 60 });
        Task<QlikUser> call = await StartWaitingAsync();

        _clock.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1));
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(500)));

        Assert.False(call.IsCompleted, "the retry went before the tenant's Retry-After had passed");
        Assert.Equal(1, Emulator.Requests.Count(request => request.Path == Me));
        _clock.Advance(TimeSpan.FromSeconds(15));
        await call.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Starts the call and returns once it waits at the gate (its "Waiting" line is written just before the wait starts).</summary>
    private async Task<Task<QlikUser>> StartWaitingAsync()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<QlikUser> call;
        using (QlikLog.BeginScope((_, message) =>
        {
            if (message.StartsWith("Waiting ", StringComparison.Ordinal))
            {
                waiting.TrySetResult();
            }
        }))
        {
            call = UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);
        }

        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200); // the few instructions from that line to the timer's start
        return call;
    }
}
