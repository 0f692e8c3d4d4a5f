namespace QlikCloud.Emulator.Hosting;

/// <summary>Requests in arrival order, for tests to assert on what the module actually sent.</summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<(long Arrival, RecordedRequest Request)> _entries = [];

    public void Add(long arrival, RecordedRequest request)
    {
        lock (_gate)
        {
            _entries.Add((arrival, request));
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.OrderBy(e => e.Arrival).Select(e => e.Request)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
