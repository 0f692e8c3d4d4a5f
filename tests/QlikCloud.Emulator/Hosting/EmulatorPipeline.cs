using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using QlikCloud.Emulator.Faults;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.RateLimiting;
using QlikCloud.Emulator.State;
using QlikCloud.Emulator.Tokens;

namespace QlikCloud.Emulator.Hosting;

/// <summary>
/// The one request handler: test controls, then (logged) fault, CORS preflight, rate limit, routing, authentication,
/// handler, CORS. Faults come first so a test can fault any request, even one that would be rate limited or refused.
/// </summary>
internal sealed class EmulatorPipeline(Tenant tenant, RouteTable api, RouteTable controls, bool controlsEnabled, FaultBook faults, RateLimiter limiter, RequestLog log, CorsPolicy cors)
{
    private const string ControlPrefix = "/_emulator";
    private long _arrivals;

    public async Task InvokeAsync(HttpContext http)
    {
        var arrival = Interlocked.Increment(ref _arrivals);
        var at = tenant.Now;
        var path = http.Request.Path.Value ?? "/";
        var body = await ReadBodyAsync(http);
        if (path == ControlPrefix || path.StartsWith(ControlPrefix + "/", StringComparison.Ordinal))
        {
            await WriteAsync(http, controlsEnabled ? Dispatch(controls, http, path, body, null) : Reply.NotFound($"no resource at {path}"));
            return;
        }
        var (rateKey, caller, callerId) = IdentifyCaller(http, path, body);
        var status = 0;
        try
        {
            status = await HandleAsync(http, path, body, rateKey, caller);
        }
        finally
        {
            log.Add(arrival, new RecordedRequest(at, http.Request.Method, path, http.Request.QueryString.Value ?? "", status,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, callerId));
        }
    }

    /// <returns>The status answered; 0 when the connection was dropped.</returns>
    private async Task<int> HandleAsync(HttpContext http, string path, string body, string rateKey, Caller? caller)
    {
        var fault = faults.TryTake(http.Request.Method, path);
        if (fault?.Delay is { } delay)
        {
            await Task.Delay(delay, http.RequestAborted);
        }
        if (fault is { DropConnection: true })
        {
            http.Abort();
            return 0;
        }
        if (fault is { MalformedBody: true })
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(fault.MalformedBodyText ?? "{\"data\": [{\"clientId\": ", http.RequestAborted);
            return StatusCodes.Status200OK;
        }
        if (fault?.Status is { } faultStatus && faultStatus is >= 300 and < 400)
        {
            var headers = fault.Location is { } location ? new Dictionary<string, string> { ["Location"] = location } : null;
            return await WriteAsync(http, new Reply(faultStatus, null, headers));
        }
        if (fault?.Status is { } errorStatus)
        {
            var headers = fault.RetryAfterSeconds is { } retry ? new Dictionary<string, string> { ["Retry-After"] = retry.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null;
            return await WriteAsync(http, ErrorFor(path, errorStatus, $"HTTP-{errorStatus}", ReasonPhrases.GetReasonPhrase(errorStatus), "injected fault", headers));
        }
        var origin = CorsPolicy.Applies(http.Request, path) ? http.Request.Headers.Origin.ToString() : null;
        if (origin is not null && CorsPolicy.IsPreflight(http.Request))
        {
            return await WriteAsync(http, cors.Preflight(origin));
        }
        if (limiter.TryAcquire(rateKey, RateLimiter.TierOf(http.Request.Method, path)) is { } wait)
        {
            var headers = new Dictionary<string, string> { ["Retry-After"] = wait.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            return await WriteAsync(http, ErrorFor(path, StatusCodes.Status429TooManyRequests, "HTTP-429", "API rate limit reached.",
                $"You need to wait {wait} seconds before making another request.", headers));
        }
        Reply reply;
        try
        {
            reply = Dispatch(api, http, path, body, caller);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reply = ErrorFor(path, StatusCodes.Status500InternalServerError, "HTTP-500", "Internal Server Error", $"emulator bug: {ex.GetType().Name}: {ex.Message}");
        }
        if (fault is { DropAfterHandling: true })
        {
            http.Abort();
            return 0;
        }

        return await WriteAsync(http, origin is null ? reply : cors.Apply(origin, caller, reply));
    }

    private static Reply Dispatch(RouteTable table, HttpContext http, string path, string body, Caller? caller)
    {
        var match = table.Match(http.Request.Method, path);
        if (match.IsNotFound)
        {
            return ErrorFor(path, StatusCodes.Status404NotFound, "HTTP-404", "Not Found", $"no resource at {path}");
        }
        if (match.Route is not { } route)
        {
            var allow = new Dictionary<string, string> { ["Allow"] = string.Join(", ", match.AllowedMethods) };
            return ErrorFor(path, StatusCodes.Status405MethodNotAllowed, "HTTP-405", "Method Not Allowed",
                $"{http.Request.Method} is not allowed on {path}; allowed: {allow["Allow"]}", allow);
        }
        if (route.Access != Access.Anonymous)
        {
            if (caller is null)
            {
                var challenge = new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" };
                return Reply.Http(StatusCodes.Status401Unauthorized, "a valid Authorization: Bearer <API key or access token> header is required", challenge);
            }
            if (route.Access == Access.TenantAdmin && !caller.IsTenantAdmin)
            {
                return Reply.Http(StatusCodes.Status403Forbidden, "this call needs TenantAdmin: an API key of an admin, or an M2M token with the admin_classic scope");
            }
        }
        return route.Handler(new ApiRequest(http, body, match.Values, caller));
    }

    /// <summary>The rate-limit bucket and the identity of a request: the client on /oauth/*, else the bearer credential.</summary>
    private (string RateKey, Caller? Caller, string? CallerId) IdentifyCaller(HttpContext http, string path, string body)
    {
        if (path.StartsWith("/oauth/", StringComparison.Ordinal))
        {
            var clientId = TokenParameters.TryParse(http.Request.ContentType, body, out var parameters, out _)
                ? ClientAuthenticator.ClaimedClientId(parameters)
                : null;
            return clientId is null ? ("anonymous", null, null) : ($"client:{clientId}", null, $"client:{clientId}");
        }
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            return ("anonymous", null, null);
        }
        var bearer = authorization[7..].Trim();
        lock (tenant.Gate)
        {
            var caller = tenant.Authenticate(bearer);
            return ($"bearer:{bearer}", caller, caller?.Label ?? "unknown");
        }
    }

    /// <summary>The token endpoint writes the error status as a string, the REST APIs as a number.</summary>
    private static Reply ErrorFor(string path, int status, string code, string title, string detail, IReadOnlyDictionary<string, string>? headers = null) =>
        Reply.Error(status, code, title, detail, statusAsString: path.StartsWith("/oauth/", StringComparison.Ordinal), headers);

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    private static async Task<int> WriteAsync(HttpContext http, Reply reply)
    {
        http.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }
        if (reply.Html is not null)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(reply.Html, http.RequestAborted);
        }
        else if (reply.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(reply.Body.ToJsonString(JsonBody.Output), http.RequestAborted);
        }
        return reply.Status;
    }
}
