namespace QlikCloud.Emulator.Faults;

/// <summary>
/// Armed faults; each request takes at most one (the earliest armed that matches) and uses up one of its count. An
/// outage comes before them all and is never used up: every request fails until it ends.
/// </summary>
internal sealed class FaultBook
{
    private readonly Lock _gate = new();
    private readonly List<ArmedFault> _armed = [];
    private FaultSpec? _outage;

    /// <summary>Every request answers <paramref name="status"/> (an error: 400 to 599) until null is set.</summary>
    public void SetOutage(int? status)
    {
        if (status is < 400 or > 599)
        {
            throw new ArgumentException("An outage's status must be an HTTP error status, 400 to 599.", nameof(status));
        }
        lock (_gate)
        {
            _outage = status is { } failing ? new FaultSpec { Status = failing } : null;
        }
    }

    public void Add(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (string.IsNullOrEmpty(fault.PathPrefix) || !fault.PathPrefix.StartsWith('/'))
        {
            throw new ArgumentException("PathPrefix must start with '/'.", nameof(fault));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Count, 1, nameof(fault));
        if (fault.Status is { } status && (status < 100 || status > 599))
        {
            throw new ArgumentException("Status must be an HTTP status code.", nameof(fault));
        }
        if (fault.Status is null && fault.Delay is null && !fault.DropConnection && !fault.DropAfterHandling && !fault.MalformedBody)
        {
            throw new ArgumentException("A fault needs Status, Delay, DropConnection, DropAfterHandling or MalformedBody.", nameof(fault));
        }
        if (fault.MalformedBodyText is not null && !fault.MalformedBody)
        {
            throw new ArgumentException("MalformedBodyText goes with MalformedBody.", nameof(fault));
        }
        if (fault.Location is not null && fault.Status is not (>= 300 and < 400))
        {
            throw new ArgumentException("Location goes with a 3xx Status.", nameof(fault));
        }
        var copy = new FaultSpec
        {
            PathPrefix = fault.PathPrefix, Method = fault.Method, Count = fault.Count, Status = fault.Status,
            RetryAfterSeconds = fault.RetryAfterSeconds, Delay = fault.Delay, DropConnection = fault.DropConnection,
            DropAfterHandling = fault.DropAfterHandling, MalformedBody = fault.MalformedBody, MalformedBodyText = fault.MalformedBodyText,
            Location = fault.Location,
        };
        lock (_gate)
        {
            _armed.Add(new ArmedFault(copy, copy.Count));
        }
    }

    public FaultSpec? TryTake(string method, string path)
    {
        lock (_gate)
        {
            if (_outage is not null)
            {
                return _outage;
            }
            var fault = _armed.FirstOrDefault(f => path.StartsWith(f.Spec.PathPrefix, StringComparison.Ordinal)
                && (f.Spec.Method is null || string.Equals(f.Spec.Method, method, StringComparison.OrdinalIgnoreCase)));
            if (fault is null)
            {
                return null;
            }
            if (--fault.Remaining == 0)
            {
                _armed.Remove(fault);
            }
            return fault.Spec;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
        }
    }

    private sealed class ArmedFault(FaultSpec spec, int remaining)
    {
        public FaultSpec Spec { get; } = spec;
        public int Remaining { get; set; } = remaining;
    }
}
