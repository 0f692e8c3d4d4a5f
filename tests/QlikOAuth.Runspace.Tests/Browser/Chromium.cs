using System.Diagnostics;

namespace QlikOAuth.Runspace.Tests.Browser;

/// <summary>
/// Debian's headless Chromium, a real browser: it loads a page, runs its script (CORS preflight included) and prints
/// the DOM. Found on PATH as chromium or chromium-browser; null when neither is installed.
/// </summary>
public static class Chromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string? Path { get; } = Find();

    public const string MissingReason = "Chromium is not installed (apt-get install chromium), so the real-browser tests are skipped.";

    /// <summary>
    /// The DOM after the page's script ran. --virtual-time-budget lets the page's fetch finish before the dump; the wait
    /// is bounded, and a browser that does not finish in time fails the test with what it printed.
    /// </summary>
    public static async Task<string> DumpDomAsync(Uri page)
    {
        string profile = Directory.CreateTempSubdirectory("qlikoauth-chromium-").FullName;
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --no-sandbox: Chromium refuses to run as root (CI containers) with its sandbox on.
        foreach (string argument in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile}", "--virtual-time-budget=15000", "--dump-dom", page.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process browser = Process.Start(start)!;
            Task<string> output = browser.StandardOutput.ReadToEndAsync();
            Task<string> errors = browser.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await browser.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                browser.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish {page} within {Timeout.TotalSeconds} s: {await errors}");
            }

            string dom = await output;
            Assert.True(browser.ExitCode == 0 && dom.Length > 0, $"Chromium exited with {browser.ExitCode}: {await errors}");
            return dom;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => new[] { "chromium", "chromium-browser" }.Select(name => System.IO.Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
}
