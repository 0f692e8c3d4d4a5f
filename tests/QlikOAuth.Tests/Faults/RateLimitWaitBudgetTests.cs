using Microsoft.Extensions.Time.Testing;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Faults;

/// <summary>
/// Issue 21, item 13: each 429 wait is bounded by MaxRetryAfter, and all of one request's rate-limit waits together by
/// MaxRateLimitWait (default ten minutes). The module and the emulator share a fake clock, so minutes pass at once.
/// </summary>
public sealed class RateLimitWaitBudgetTests : TenantFixture
{
    private const string Me = "/api/v1/users/me";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _clock;

    protected override void Configure(EmulatorOptions options) => options.Clock = _clock;

    [Fact]
    public async Task ManyRateLimitsWithinTheirEachLimitStillEndTheCallAfterTenMinutesOfWaitingSayingHowLong()
    {
        // Four minutes each: within the five a single wait may take, but three of them are more than ten minutes.
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 240, Count = 9 });
        DateTimeOffset started = _clock.GetUtcNow();

        var error = await Assert.ThrowsAnyAsync<QlikOAuthException>(() =>
            ClockDriver.AdvanceUntilDoneAsync(_clock, UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None), Step, maxSteps: 200));

        TimeSpan waited = _clock.GetUtcNow() - started;
        Assert.True(waited <= TimeSpan.FromMinutes(10) + Step, $"the call waited {waited} before it failed");
        Assert.Equal("QlikApi.RateLimited", error.ErrorId);
        Assert.Equal(QlikErrorKind.RateLimited, error.Kind);
        Assert.Matches(@"waited \d+ s in all", error.Message);
        Assert.Contains("600 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("-MaxRateLimitWaitSec", error.Message, StringComparison.Ordinal);
        Assert.InRange(Emulator.Requests.Count(request => request.Path == Me), 2, 3);
    }
}
