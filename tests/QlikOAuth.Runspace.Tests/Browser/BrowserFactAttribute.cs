namespace QlikOAuth.Runspace.Tests.Browser;

/// <summary>A test that needs a real browser: skipped, with one clear reason, where Chromium is not installed. Never a pass without it.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
