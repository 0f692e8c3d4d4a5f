namespace QlikCloud.Emulator;

/// <summary>
/// A misbehaviour for the next <see cref="Count"/> requests whose path starts with <see cref="PathPrefix"/>
/// (and whose method is <see cref="Method"/>, when set). <see cref="Delay"/> waits first; then the first of
/// <see cref="DropConnection"/>, <see cref="DropAfterHandling"/>, <see cref="MalformedBody"/>, <see cref="Status"/>
/// that is set decides the answer; with none of them the request is handled normally after the delay.
/// </summary>
public sealed class FaultSpec
{
    public string PathPrefix { get; set; } = "/";
    public string? Method { get; set; }
    public int Count { get; set; } = 1;
    public int? Status { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public TimeSpan? Delay { get; set; }
    /// <summary>Drops the connection before the tenant acts: nothing changes.</summary>
    public bool DropConnection { get; set; }

    /// <summary>The tenant acts (a create creates, a delete deletes), then the connection drops before the answer.</summary>
    public bool DropAfterHandling { get; set; }

    /// <summary>Answers 200 with <see cref="MalformedBodyText"/>, or with truncated JSON when that is not set.</summary>
    public bool MalformedBody { get; set; }

    /// <summary>The 200 body of <see cref="MalformedBody"/>, such as valid JSON of the wrong shape (<c>["a"]</c>).</summary>
    public string? MalformedBodyText { get; set; }

    /// <summary>The Location header of a 3xx <see cref="Status"/>, such as "https://login.example.com/".</summary>
    public string? Location { get; set; }
}
