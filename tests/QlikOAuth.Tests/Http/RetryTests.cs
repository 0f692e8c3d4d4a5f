using System.Diagnostics;
using System.Net.Http;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Http;

/// <summary>429s are waited out; 5xx and dropped connections are retried only where repeating is safe.</summary>
public sealed class RetryTests : TenantFixture
{
    private const string Me = "/api/v1/users/me";

    [Fact]
    public async Task A429IsWaitedOutForItsRetryAfterThenTheCallSucceeds()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 1 });
        var clock = Stopwatch.StartNew();

        QlikUser user = await UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AdminUserId, user.Id);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
        Assert.Equal(new[] { 429, 200 }, Emulator.Requests.Where(request => request.Path == Me).Select(request => request.Status));
    }

    [Fact]
    public async Task RateLimitRetriesAreBounded()
    {
        using var connection = new QlikConnection(Emulator.BaseUrl, new QlikHttpOptions { MaxRateLimitRetries = 1 });
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 1, Count = 5 });

        var error = await Assert.ThrowsAsync<QlikApiException>(() => UsersApi.GetMeAsync(connection, Admin, CancellationToken.None));

        Assert.Equal("QlikApi.RateLimited", error.ErrorId);
        Assert.Equal(QlikErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(2, Emulator.Requests.Count(request => request.Path == Me));
    }

    [Fact]
    public async Task ARetryAfterLongerThanAllowedFailsAtOnce()
    {
        using var connection = new QlikConnection(Emulator.BaseUrl, new QlikHttpOptions { MaxRetryAfter = TimeSpan.FromSeconds(5) });
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 60 });

        var error = await Assert.ThrowsAsync<QlikApiException>(() => UsersApi.GetMeAsync(connection, Admin, CancellationToken.None));

        Assert.Equal(QlikErrorKind.RateLimited, error.Kind);
        Assert.Single(Emulator.Requests, request => request.Path == Me);
    }

    [Fact]
    public async Task CancellingDuringARetryAfterWaitEndsTheCallPromptly()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 60 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UsersApi.GetMeAsync(Connection, Admin, cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AServerErrorIsRetriedForAGet()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 503, Count = 2 });

        QlikUser user = await UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AdminUserId, user.Id);
        Assert.Equal(new[] { 503, 503, 200 }, Emulator.Requests.Where(request => request.Path == Me).Select(request => request.Status));
    }

    [Fact]
    public async Task AServerErrorIsNotRetriedForACreate()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", Method = "POST", Status = 500 });

        var error = await Assert.ThrowsAsync<QlikApiException>(() => ClientFactory.CreateM2MAsync(Connection, Admin));

        Assert.Equal("QlikApi.ServiceUnavailable", error.ErrorId);
        Assert.Equal(QlikErrorKind.ServiceUnavailable, error.Kind);
        Assert.Single(Emulator.Requests, request => request.Method == "POST");
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedForAGet()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, DropConnection = true });

        QlikUser user = await UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AdminUserId, user.Id);
        Assert.Equal(2, (await SettledRequestsAsync(request => request.Path == Me)).Count);
    }

    [Fact]
    public async Task ADroppedConnectionIsNotRetriedForACreateBecauseItMayHaveHappened()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", Method = "POST", DropConnection = true });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => ClientFactory.CreateM2MAsync(Connection, Admin));

        Assert.Equal("QlikApi.ConnectionFailed", error.ErrorId);
        Assert.Single(await SettledRequestsAsync(request => request.Method == "POST"));
    }

    [Fact]
    public async Task AMalformedBodyIsReportedAsTheTenantsFault()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, MalformedBody = true });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None));

        Assert.Equal("QlikApi.InvalidResponse", error.ErrorId);
        Assert.Equal(QlikErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task ASlowAnswerTimesOutAndIsRetriedForAGet()
    {
        using var connection = new QlikConnection(Emulator.BaseUrl, new QlikHttpOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), TransientBackoff = TimeSpan.FromMilliseconds(10) });
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Delay = TimeSpan.FromSeconds(2) });

        QlikUser user = await UsersApi.GetMeAsync(connection, Admin, CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AdminUserId, user.Id);
    }
}
