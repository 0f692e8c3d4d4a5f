namespace QlikCloud.Emulator;

/// <summary>
/// A misbehaviour for the next <see cref="Count"/> requests whose path starts with <see cref="PathPrefix"/>
/// (and whose method is <see cref="Method"/>, when set). <see cref="Delay"/> waits first; then the first of
/// <see cref="DropConnection"/>, <see cref="MalformedBody"/>, <see cref="Status"/> that is set decides the
/// answer; with none of them the request is handled normally after the delay.
/// </summary>
public sealed class FaultSpec
{
    public string PathPrefix { get; set; } = "/";
    public string? Method { get; set; }
    public int Count { get; set; } = 1;
    public int? Status { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public TimeSpan? Delay { get; set; }
    public bool DropConnection { get; set; }
    public bool MalformedBody { get; set; }
}
