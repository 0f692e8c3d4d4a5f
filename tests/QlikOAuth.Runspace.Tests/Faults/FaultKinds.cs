using QlikCloud.Emulator;

namespace QlikOAuth.Runspace.Tests.Faults;

/// <summary>The columns of the fault matrix: each misbehaviour the emulator injects, once, on the row's request.</summary>
public static class FaultKinds
{
    public const string ServiceUnavailable = "503 with Retry-After";
    public const string ServerError = "500";
    public const string DropBefore = "drop before acting";
    public const string DropAfter = "drop after acting";
    public const string Redirect = "302";
    public const string Malformed = "malformed body";
    public const string Delay = "delay beyond timeout";
    public const string RateLimitBeyond = "429 beyond MaxRetryAfter";

    /// <summary>The session's request timeout in the matrix, and the delay that outlasts it.</summary>
    public const int TimeoutSec = 1;
    public static readonly TimeSpan DelayBeyondTimeout = TimeSpan.FromSeconds(3);

    public static readonly string[] All = [ServiceUnavailable, ServerError, DropBefore, DropAfter, Redirect, Malformed, Delay, RateLimitBeyond];

    /// <summary>Faults after which a repeatable call is expected to succeed: the tenant will answer properly next time.</summary>
    public static bool IsTransient(string kind) => kind is ServiceUnavailable or ServerError or DropBefore or DropAfter or Delay;

    /// <summary>Faults after which the tenant may have acted although the module read no answer.</summary>
    public static bool LosesTheAnswer(string kind) => kind is DropAfter or Delay or Malformed;

    public static FaultSpec For(string kind, string pathPrefix, string? method)
    {
        var fault = new FaultSpec { PathPrefix = pathPrefix, Method = method };
        switch (kind)
        {
            case ServiceUnavailable: fault.Status = 503; fault.RetryAfterSeconds = 1; break;
            case ServerError: fault.Status = 500; break;
            case DropBefore: fault.DropConnection = true; break;
            case DropAfter: fault.DropAfterHandling = true; break;
            case Redirect: fault.Status = 302; fault.Location = "https://login.example.com/sso"; break;
            case Malformed: fault.MalformedBody = true; break;
            case Delay: fault.Delay = DelayBeyondTimeout; break;
            case RateLimitBeyond: fault.Status = 429; fault.RetryAfterSeconds = 3600; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a fault kind of the matrix");
        }

        return fault;
    }
}
