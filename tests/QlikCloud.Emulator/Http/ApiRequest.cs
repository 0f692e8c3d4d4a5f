using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Http;

/// <summary>Everything a handler may look at: the body is already read, the caller already authenticated.</summary>
internal sealed class ApiRequest(HttpContext http, string body, IReadOnlyDictionary<string, string> route, Caller? caller)
{
    public HttpContext Http { get; } = http;
    public string Body { get; } = body;
    public IReadOnlyDictionary<string, string> Route { get; } = route;

    /// <summary>Set on routes that require authentication.</summary>
    public Caller Caller => caller ?? throw new InvalidOperationException("This route is anonymous.");

    /// <summary><c>scheme://host[:port]</c> of this request: absolute links and the expected assertion audience derive from it.</summary>
    public string Origin => $"{Http.Request.Scheme}://{Http.Request.Host}";

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}
