using Microsoft.Extensions.Time.Testing;

namespace QlikOAuth.Tests.Infrastructure;

/// <summary>Moves a fake clock forward in steps until engine work that waits on it finishes: no test sleeps for a Retry-After.</summary>
public static class ClockDriver
{
    public static async Task<T> AdvanceUntilDoneAsync<T>(FakeTimeProvider clock, Task<T> work, TimeSpan step, int maxSteps = 100)
    {
        for (int i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            // Real time for the work to reach its next wait, then fake time to end that wait.
            await Task.WhenAny(work, Task.Delay(20));
            clock.Advance(step);
        }

        return await work.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static Task AdvanceUntilDoneAsync(FakeTimeProvider clock, Task work, TimeSpan step, int maxSteps = 100) =>
        AdvanceUntilDoneAsync(clock, Completed(work), step, maxSteps);

    private static async Task<bool> Completed(Task work)
    {
        await work;
        return true;
    }
}
