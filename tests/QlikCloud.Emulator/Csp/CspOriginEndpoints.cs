using System.Text.Json.Nodes;
using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Csp;

/// <summary>
/// <c>/api/v1/csp-origins</c>: the tenant's Content Security Policy list (TenantAdmin). At most 256 entries, one per
/// origin, and the generated header at most 6,144 characters: a write that would break either is refused whole.
/// The status codes of those refusals (409 for a duplicate origin, 400 for the limits) are unconfirmed.
/// </summary>
internal sealed class CspOriginEndpoints(Tenant tenant)
{
    public const int MaxEntries = 256;
    private const string Base = "/api/v1/csp-origins";
    private static readonly string[] SortFields = ["origin", "name", "createdDate", "modifiedDate"];

    public IEnumerable<ApiRoute> Routes =>
    [
        new("GET", Base, Access.TenantAdmin, List),
        new("POST", Base, Access.TenantAdmin, Create),
        new("GET", Base + "/actions/generate-header", Access.TenantAdmin, GenerateHeader),
        new("GET", Base + "/{id}", Access.TenantAdmin, Get),
        new("PUT", Base + "/{id}", Access.TenantAdmin, Replace),
        new("DELETE", Base + "/{id}", Access.TenantAdmin, Delete),
    ];

    public static JsonObject Render(CspOrigin entry)
    {
        var json = new JsonObject { ["id"] = entry.Id, ["origin"] = entry.Spec.Origin, ["name"] = entry.Spec.Name ?? "", ["description"] = entry.Spec.Description ?? "" };
        foreach (var field in CspDirectives.All.Select(d => d.Field))
        {
            json[field] = entry.Spec.Directives.Contains(field);
        }
        json["createdDate"] = JsonBody.Format(entry.CreatedDate);
        json["modifiedDate"] = JsonBody.Format(entry.ModifiedDate);
        return json;
    }

    private Reply List(ApiRequest request)
    {
        if (ListQuery.TryParse(request, SortFields, out var error) is not { } query)
        {
            return Reply.BadRequest(error);
        }
        lock (tenant.Gate)
        {
            var entries = tenant.CspOrigins.Values.Where(query.Matches);
            return Pager.Page(request, [.. query.Sort(entries).Select(e => (JsonNode)Render(e))]);
        }
    }

    private Reply Get(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            return Find(request, out var entry) ?? Reply.Json(StatusCodes.Status200OK, Render(entry));
        }
    }

    private Reply Create(ApiRequest request)
    {
        if (CspOriginValidator.Validate(request.Body, out var error) is not { } spec)
        {
            return Reply.BadRequest(error);
        }
        lock (tenant.Gate)
        {
            if (tenant.CspOrigins.Count >= MaxEntries)
            {
                return Reply.BadRequest($"the tenant already has {MaxEntries} CSP origins, the most allowed; delete one first");
            }
            if ((Conflict(spec, null) ?? HeaderTooLong(spec, null)) is { } refused)
            {
                return refused;
            }
            var now = tenant.Now;
            var entry = new CspOrigin { Id = Ids.CspOriginId(), Sequence = tenant.NextSequence(), CreatedDate = now, ModifiedDate = now, Spec = spec };
            tenant.CspOrigins[entry.Id] = entry;
            return Reply.Json(StatusCodes.Status201Created, Render(entry));
        }
    }

    /// <summary>PUT replaces every writable field: a directive left out is false afterwards.</summary>
    private Reply Replace(ApiRequest request)
    {
        if (CspOriginValidator.Validate(request.Body, out var error) is not { } spec)
        {
            return Reply.BadRequest(error);
        }
        lock (tenant.Gate)
        {
            if ((Find(request, out var entry) ?? Conflict(spec, entry.Id) ?? HeaderTooLong(spec, entry.Id)) is { } refused)
            {
                return refused;
            }
            entry.Spec = spec;
            entry.ModifiedDate = tenant.Now;
            return Reply.Json(StatusCodes.Status200OK, Render(entry));
        }
    }

    private Reply Delete(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            if (Find(request, out var entry) is { } notFound)
            {
                return notFound;
            }
            tenant.CspOrigins.Remove(entry.Id);
            return Reply.NoContent();
        }
    }

    /// <summary>Response shape <c>{"Content-Security-Policy": "..."}</c> (unconfirmed).</summary>
    private Reply GenerateHeader(ApiRequest request)
    {
        lock (tenant.Gate)
        {
            var header = CspHeader.Generate(tenant.CspOrigins.Values.OrderBy(e => e.Sequence).Select(e => e.Spec));
            return Reply.Json(StatusCodes.Status200OK, new JsonObject { ["Content-Security-Policy"] = header });
        }
    }

    private Reply? Find(ApiRequest request, out CspOrigin entry)
    {
        var id = request.Route["id"];
        if (tenant.CspOrigins.TryGetValue(id, out var found))
        {
            entry = found;
            return null;
        }
        entry = null!;
        return Reply.NotFound($"no CSP origin has id '{id}'");
    }

    private Reply? Conflict(CspOriginSpec spec, string? replacingId) =>
        tenant.CspOrigins.Values.FirstOrDefault(e => e.Id != replacingId && e.Spec.Origin == spec.Origin) is { } existing
            ? Reply.Http(StatusCodes.Status409Conflict, $"the origin '{spec.Origin}' already has an entry (id {existing.Id}); update that one")
            : null;

    private Reply? HeaderTooLong(CspOriginSpec spec, string? replacingId)
    {
        var length = CspHeader.Generate(tenant.CspOrigins.Values.Where(e => e.Id != replacingId).Select(e => e.Spec).Append(spec)).Length;
        return length > CspHeader.MaxLength
            ? Reply.BadRequest($"the Content-Security-Policy header would be {length} characters; at most {CspHeader.MaxLength} are allowed")
            : null;
    }
}
