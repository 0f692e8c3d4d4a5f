namespace QlikCloud.Emulator.Hosting;

/// <summary>
/// A scheme+host+port URI that formats without a trailing slash, so <c>$"{BaseUrl}/api/v1/..."</c> reads right.
/// String interpolation formats a Uri through ISpanFormattable, not ToString, so both are re-implemented.
/// </summary>
internal sealed class OriginUri(string origin) : Uri(origin), ISpanFormattable
{
    public override string ToString() => GetLeftPart(UriPartial.Authority);

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        charsWritten = text.TryCopyTo(destination) ? text.Length : 0;
        return charsWritten == text.Length;
    }
}
