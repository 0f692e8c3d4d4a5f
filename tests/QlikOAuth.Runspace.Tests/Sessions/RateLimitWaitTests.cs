using System.Diagnostics;
using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Sessions;

/// <summary>Issue 21, item 13: Connect-QlikTenant -MaxRateLimitWaitSec bounds what one request waits in all for the rate limit.</summary>
public sealed class RateLimitWaitTests : TenantTestBase
{
    private const string Me = "/api/v1/users/me";

    [Fact]
    public void ARequestThatMeetsRateLimitAfterRateLimitFailsOnceItWaitedTheSessionsLimitSayingHowLong()
    {
        Shell.Run($"{ConnectScript} -MaxRateLimitWaitSec 2 | Out-Null").AssertNoErrors();
        // One second each: a single wait well within MaxRetryAfter, but more of them than two seconds hold.
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 1, Count = 20 });
        var watch = Stopwatch.StartNew();

        RunResult result = Shell.Run("Invoke-QlikRestMethod /api/v1/users/me -Verbose");

        watch.Stop();
        ErrorRecord error = result.Terminating?.ErrorRecord ?? Assert.Single(result.Errors);
        Assert.StartsWith("QlikApi.RateLimited,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Matches(@"waited [12] s in all", error.Exception.Message);
        Assert.Contains("2 s a request of this session waits in all (-MaxRateLimitWaitSec", error.Exception.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"the call took {watch.Elapsed}");
        Assert.InRange(Emulator.Requests.Count(request => request.Path == Me && request.Status == 429), 2, 3);
        // The waits stay visible while they happen.
        Assert.Contains(result.Verbose, record => record.Message.Contains("rate limited (Retry-After 1 s)", StringComparison.Ordinal));
    }

    [Fact]
    public void ZeroMeansARateLimitedRequestIsNeverWaitedOut()
    {
        Shell.Run($"{ConnectScript} -MaxRateLimitWaitSec 0 | Out-Null").AssertNoErrors();
        Emulator.InjectFault(new FaultSpec { PathPrefix = Me, Status = 429, RetryAfterSeconds = 1 });

        RunResult result = Shell.Run("Invoke-QlikRestMethod /api/v1/users/me");

        ErrorRecord error = result.Terminating?.ErrorRecord ?? Assert.Single(result.Errors);
        Assert.StartsWith("QlikApi.RateLimited,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("waited 0 s in all", error.Exception.Message, StringComparison.Ordinal);
        Assert.Single(Emulator.Requests, request => request.Path == Me && request.Status == 429);
    }
}
