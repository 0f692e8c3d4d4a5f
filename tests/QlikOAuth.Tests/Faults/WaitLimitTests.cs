using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Faults;

/// <summary>Issue 11, defect 3: every wait is checked against MaxRetryAfter before sleeping or closing a gate.</summary>
public sealed class WaitLimitTests : TenantFixture
{
    private const string Me = "/api/v1/users/me";

    [Fact]
    public async Task A5xxRetryAfterBeyondTheLimitFailsTypedAtOnce()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 503, RetryAfterSeconds = 999999999 });

        var error = await Assert.ThrowsAsync<QlikApiException>(() => UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None));

        Assert.Equal("QlikApi.ServiceUnavailable", error.ErrorId);
        Assert.Equal(TimeSpan.FromSeconds(999999999), error.RetryAfter);
        Assert.Single(Emulator.Requests, request => request.Path == Me);
    }

    [Fact]
    public async Task ARateLimitLongerThanTheLimitFailsLaterCallsOfTheTierFastSayingUntilWhen()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 3600 });
        var first = await Assert.ThrowsAsync<QlikApiException>(() => UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None));
        Assert.Equal("QlikApi.RateLimited", first.ErrorId);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        var next = await Assert.ThrowsAsync<QlikOAuthException>(() => UsersApi.GetMeAsync(Connection, Admin, patience.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal("QlikApi.RateLimited", next.ErrorId);
        Assert.Equal(QlikErrorKind.RateLimited, next.Kind);
        Assert.Contains("UTC", next.Message, StringComparison.Ordinal);
        Assert.Single(Emulator.Requests, request => request.Path == Me);
    }

    [Fact]
    public void JitterSpreadsWaitsWithinItsBounds()
    {
        TimeSpan[] waits = Enumerable.Range(0, 200).Select(_ => Waits.Jitter(TimeSpan.FromSeconds(10), -0.2, 0.2)).ToArray();

        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12)));
        Assert.True(waits.Distinct().Count() > 100, "the waits are not spread");
    }
}

/// <summary>Waits over one second are in Verbose, over ten seconds a Warning; timed by the session's clock.</summary>
public sealed class VisibleWaitTests : TenantFixture
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _clock;

    protected override void Configure(EmulatorOptions options) => options.Clock = _clock;

    [Fact]
    public async Task LongWaitsAreWarnedAndNoticeableOnesVerbose()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 503, RetryAfterSeconds = 20 });
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 503, RetryAfterSeconds = 2 });
        var log = new List<(QlikLogLevel Level, string Message)>();

        QlikUser user;
        using (QlikLog.BeginScope((level, message) => { lock (log) { log.Add((level, message)); } }))
        {
            user = await ClockDriver.AdvanceUntilDoneAsync(_clock, UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None), TimeSpan.FromSeconds(1));
        }

        Assert.Equal(EmulatorDefaults.AdminUserId, user.Id);
        Assert.Single(log, entry => entry.Level == QlikLogLevel.Warning && entry.Message.StartsWith("Waiting 20 s", StringComparison.Ordinal));
        Assert.Single(log, entry => entry.Level == QlikLogLevel.Verbose && entry.Message.StartsWith("Waiting 2 s", StringComparison.Ordinal));
    }
}
