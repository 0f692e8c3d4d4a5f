using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.Users;

namespace QlikCloud.Emulator.Controls;

/// <summary>
/// <c>/_emulator/*</c>: the in-process test methods over HTTP, for Pester and the standalone exe. Served only with
/// <see cref="EmulatorOptions.EnableTestControls"/>; never rate limited, faulted or logged.
/// </summary>
internal sealed class ControlEndpoints(TenantEmulator emulator)
{
    private const string Base = "/_emulator";

    public IEnumerable<ApiRoute> Routes =>
    [
        new("POST", Base + "/reset", Access.Anonymous, _ => Done(emulator.Reset)),
        new("POST", Base + "/users", Access.Anonymous, AddUser),
        new("POST", Base + "/faults", Access.Anonymous, AddFault),
        new("POST", Base + "/outage", Access.Anonymous, SetOutage),
        new("DELETE", Base + "/outage", Access.Anonymous, _ => Done(() => emulator.SetOutage(null))),
        new("POST", Base + "/stop", Access.Anonymous, _ => Stop()),
        new("GET", Base + "/requests", Access.Anonymous, _ => Reply.Json(StatusCodes.Status200OK, JsonSerializer.SerializeToNode(emulator.Requests, JsonBody.Web)!)),
        new("DELETE", Base + "/requests", Access.Anonymous, _ => Done(emulator.ClearRequests)),
        new("POST", Base + "/rate-limits", Access.Anonymous, SetRateLimits),
        new("POST", Base + "/consent-rule", Access.Anonymous, SetConsentRule),
        new("POST", Base + "/cors-rule", Access.Anonymous, SetCorsRule),
        new("POST", Base + "/oauth-tokens-filter", Access.Anonymous, SetTokenUserFilter),
        new("POST", Base + "/sign-in-consent", Access.Anonymous, SetSignInConsent),
        new("POST", Base + "/tokens/invalidate", Access.Anonymous, _ => Done(emulator.InvalidateAllTokens)),
        new("GET", Base + "/jwks/{name}", Access.Anonymous, ServedJwks),
        new("PUT", Base + "/jwks/{name}", Access.Anonymous, request => Done(() => emulator.ServeJwks(request.Route["name"], request.Body))),
    ];

    private Reply AddUser(ApiRequest request) => WithBody<EmulatorUser>(request, user =>
    {
        try
        {
            return Reply.Json(StatusCodes.Status201Created, UserEndpoints.Render(emulator.AddUser(user), emulator.TenantId));
        }
        catch (ArgumentException ex) when (ex.Message.Contains("already exists", StringComparison.Ordinal))
        {
            return Reply.Http(StatusCodes.Status409Conflict, ex.Message);
        }
    });

    /// <summary>Body: FaultSpec as camelCase JSON; <c>delay</c> is a TimeSpan string such as "00:00:02".</summary>
    private Reply AddFault(ApiRequest request) => WithBody<FaultSpec>(request, fault => Done(() => emulator.InjectFault(fault)));

    /// <summary>Body: <c>{"status": 503}</c>: every request but these controls fails so until DELETE or reset.</summary>
    private Reply SetOutage(ApiRequest request) => WithBody<JsonObject>(request, body =>
    {
        var status = body["status"]?.GetValue<int>() ?? throw new ArgumentException("status is required");
        return Done(() => emulator.SetOutage(status));
    });

    /// <summary>
    /// Answers 202, then the tenant stops listening (its port refuses connections within a moment) for good; the other
    /// tenants of its fleet go on. The stop runs beside this request, as it waits for the requests under way to finish.
    /// </summary>
    private Reply Stop()
    {
        _ = Task.Run(emulator.StopAsync);
        return new Reply(StatusCodes.Status202Accepted, null);
    }

    /// <summary>Body: <c>{"tier1Limit": n, "tier2Limit": n, "windowSeconds": n}</c>.</summary>
    private Reply SetRateLimits(ApiRequest request) => WithBody<JsonObject>(request, body =>
    {
        var tier1 = body["tier1Limit"]?.GetValue<int>() ?? throw new ArgumentException("tier1Limit is required");
        var tier2 = body["tier2Limit"]?.GetValue<int>() ?? throw new ArgumentException("tier2Limit is required");
        var window = body["windowSeconds"]?.GetValue<double>() ?? throw new ArgumentException("windowSeconds is required");
        return Done(() => emulator.SetRateLimits(tier1, tier2, TimeSpan.FromSeconds(window)));
    });

    /// <summary>Body: <c>{"requireTrustedConsent": true|false}</c>.</summary>
    private Reply SetConsentRule(ApiRequest request) => WithBody<JsonObject>(request, body =>
    {
        var required = body["requireTrustedConsent"]?.GetValue<bool>() ?? throw new ArgumentException("requireTrustedConsent is required");
        return Done(() => emulator.SetRequireTrustedConsent(required));
    });

    /// <summary>Body: <c>{"requireCspOriginForCors": true|false}</c>.</summary>
    private Reply SetCorsRule(ApiRequest request) => WithBody<JsonObject>(request, body =>
    {
        var required = body["requireCspOriginForCors"]?.GetValue<bool>() ?? throw new ArgumentException("requireCspOriginForCors is required");
        return Done(() => emulator.SetRequireCspOriginForCors(required));
    });

    /// <summary>Body: <c>{"ignoreUserId": true|false}</c>.</summary>
    private Reply SetTokenUserFilter(ApiRequest request) => WithBody<JsonObject>(request, body =>
    {
        var ignore = body["ignoreUserId"]?.GetValue<bool>() ?? throw new ArgumentException("ignoreUserId is required");
        return Done(() => emulator.SetIgnoreTokenUserFilter(ignore));
    });

    /// <summary>Body: <c>{"allow": true|false}</c>: what the login_hint shortcut answers on a consent screen.</summary>
    private Reply SetSignInConsent(ApiRequest request) => WithBody<JsonObject>(request, body =>
    {
        var allow = body["allow"]?.GetValue<bool>() ?? throw new ArgumentException("allow is required");
        return Done(() => emulator.SetSignInConsentAnswer(allow));
    });

    /// <summary>A JWKS document put with PUT /_emulator/jwks/{name} (or ServeJwks), as a client's jwksUri serves it.</summary>
    private Reply ServedJwks(ApiRequest request) =>
        emulator.ServedJwks(request.Route["name"]) is { } jwks && JsonBody.TryParse(jwks, out var node, out _) && node is not null
            ? Reply.Json(StatusCodes.Status200OK, node)
            : Reply.Http(StatusCodes.Status404NotFound, $"no JWKS is served as '{request.Route["name"]}'");

    private static Reply WithBody<T>(ApiRequest request, Func<T, Reply> handle)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(request.Body, JsonBody.Web) ?? throw new ArgumentException("the body is null");
            return handle(value);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return Reply.BadRequest(ex.Message);
        }
    }

    private static Reply Done(Action action)
    {
        action();
        return Reply.NoContent();
    }
}
