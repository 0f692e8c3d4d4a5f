using QlikCloud.Emulator.Csp;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Hosting;

/// <summary>
/// CORS on the REST API (<c>/api/*</c>) as a browser meets it when a web app calls the tenant with impersonation tokens.
/// An origin is admitted when an impersonation client lists it in allowedOrigins and, where the tenant demands it
/// (<see cref="Tenant.RequireCspOriginForCors"/>, unconfirmed), a CSP origin entry admits it too. A preflight carries
/// no token, so it is answered for any such client; the real request is then checked against its token's own client.
/// A refused origin gets 403 with Qlik code OAUTH-29 (title from EmulatorOptions: the wording is unconfirmed) and no
/// Access-Control-Allow-Origin, so the
/// browser shows a failed request, as it does against Qlik Cloud.
/// </summary>
internal sealed class CorsPolicy(Tenant tenant, string originNotAllowedTitle)
{
    private const string AllowedMethods = "GET, POST, PUT, PATCH, DELETE";
    private const string AllowedHeaders = "authorization, content-type, qlik-confirm-delete";

    public static bool Applies(HttpRequest request, string path) =>
        request.Headers.Origin.Count > 0 && path.StartsWith("/api/", StringComparison.Ordinal);

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count > 0;

    public Reply Preflight(string origin)
    {
        lock (tenant.Gate)
        {
            if (Refusal(origin, tenant.UsableClients) is { } refused)
            {
                return refused;
            }
        }
        return new Reply(StatusCodes.Status204NoContent, null, new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = origin,
            ["Access-Control-Allow-Methods"] = AllowedMethods,
            ["Access-Control-Allow-Headers"] = AllowedHeaders,
            ["Access-Control-Max-Age"] = "600",
            ["Vary"] = "Origin",
        });
    }

    /// <summary>
    /// The answer to a cross-origin request: the handler's reply with the CORS headers, or the OAUTH-29 refusal.
    /// An unauthenticated request (such as a revoked token's) keeps its 401, readable to an origin a client admits.
    /// </summary>
    public Reply Apply(string origin, Caller? caller, Reply reply)
    {
        lock (tenant.Gate)
        {
            var clients = caller?.Token is { } token
                ? tenant.UsableClients.Where(c => c.ClientId == token.ClientId)
                : caller is null ? tenant.UsableClients : [];
            if (Refusal(origin, clients) is { } refused)
            {
                return refused;
            }
        }
        var headers = new Dictionary<string, string>(reply.Headers ?? new Dictionary<string, string>())
        {
            ["Access-Control-Allow-Origin"] = origin,
            ["Vary"] = "Origin",
        };
        return reply with { Headers = headers };
    }

    /// <summary>Null when one of <paramref name="clients"/> (impersonation clients only) admits the origin. Call under the lock.</summary>
    private Reply? Refusal(string origin, IEnumerable<OAuthClient> clients)
    {
        var listed = clients.Any(c => c.Spec.AllowedGrantTypes.Contains(TokenGrants.Impersonation)
            && c.Spec.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)));
        if (!listed)
        {
            return OriginNotAllowed($"the origin '{origin}' is not in the allowedOrigins of the impersonation client this call uses");
        }
        if (tenant.RequireCspOriginForCors && !tenant.CspOrigins.Values.Any(e => CspOriginSyntax.Admits(e.Spec.Origin, origin)))
        {
            return OriginNotAllowed($"the origin '{origin}' has no entry in the tenant's Content Security Policy list (/api/v1/csp-origins)");
        }
        return null;
    }

    private Reply OriginNotAllowed(string detail) =>
        Reply.Error(StatusCodes.Status403Forbidden, "OAUTH-29", originNotAllowedTitle, detail, headers: new Dictionary<string, string> { ["Vary"] = "Origin" });
}
