using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// Opens the person's browser at the sign-in page: the command named by $BROWSER when set (as git, gh and Python
    /// honour it: the first of its path-separated entries; "%s" stands for the URL, else the URL is the last argument),
    /// otherwise the platform's opener (the shell on Windows, open on macOS, xdg-open elsewhere).
    /// </summary>
    public sealed class SystemBrowser
    {
        private readonly string? _command;

        /// <param name="command">A $BROWSER-style command; null or empty for the platform's opener.</param>
        public SystemBrowser(string? command) => _command = string.IsNullOrWhiteSpace(command) ? null : command;

        public static SystemBrowser FromEnvironment() => new SystemBrowser(Environment.GetEnvironmentVariable("BROWSER"));

        /// <summary>What will be run, for messages: the command or the platform opener.</summary>
        public string Description => _command ?? PlatformOpener ?? "the Windows shell";

        private static string? PlatformOpener =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? null : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open";

        /// <summary>
        /// Starts the browser. The returned task fails with SignIn.BrowserNotOpened when the command cannot start or ends
        /// with a failure exit code; it never completes otherwise (a browser that stays open is the normal case).
        /// </summary>
        /// <exception cref="Errors.QlikOAuthException">SignIn.BrowserNotOpened, when the command cannot be started.</exception>
        public Task Open(Uri url)
        {
            ProcessStartInfo start = StartInfo(url);
            var failed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var errors = new List<string>();
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Exception exception) when (exception is Win32Exception || exception is FileNotFoundException || exception is InvalidOperationException)
            {
                throw SignInErrors.BrowserNotOpened(Description, exception.Message, exception);
            }

            if (process is null)
            {
                return failed.Task; // the shell handed the URL to a running browser
            }

            QlikLog.Verbose($"Opened the browser ({Description}) at the tenant's sign-in page.");
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data != null)
                {
                    lock (errors)
                    {
                        errors.Add(line.Data);
                    }
                }
            };
            process.OutputDataReceived += (_, _) => { }; // a browser's own output (a DOM dump) is not the module's
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) =>
            {
                if (process.ExitCode != 0)
                {
                    string said;
                    lock (errors)
                    {
                        said = string.Join(" ", errors.Skip(Math.Max(0, errors.Count - 3)));
                    }

                    failed.TrySetException(SignInErrors.BrowserNotOpened(Description, $"it exited with code {process.ExitCode}{(said.Length == 0 ? string.Empty : ": " + said)}"));
                }

                process.Dispose();
            };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return failed.Task;
        }

        private ProcessStartInfo StartInfo(Uri url)
        {
            string link = url.AbsoluteUri;
            if (_command is null)
            {
                return PlatformOpener is string opener
                    ? Redirected(new ProcessStartInfo(opener, Quote(link)))
                    : new ProcessStartInfo(link) { UseShellExecute = true };
            }

            string entry = _command.Split(Path.PathSeparator).First(part => part.Trim().Length > 0).Trim();
            if (entry.IndexOf("%s", StringComparison.Ordinal) < 0)
            {
                return Redirected(new ProcessStartInfo(entry, Quote(link)));
            }

            string[] words = entry.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            string arguments = string.Join(" ", words.Skip(1).Select(word => Quote(word.Replace("%s", link))));
            return Redirected(new ProcessStartInfo(words[0], arguments));
        }

        private static ProcessStartInfo Redirected(ProcessStartInfo start)
        {
            start.UseShellExecute = false;
            start.RedirectStandardError = true;
            start.RedirectStandardOutput = true;
            start.CreateNoWindow = true;
            return start;
        }

        // One argument as the C runtime splits a command line: a URL has no spaces or quotes, but a %s word might.
        private static string Quote(string argument) =>
            argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0 ? argument : "\"" + argument.Replace("\\\"", "\\\\\"").Replace("\"", "\\\"") + "\"";
    }
}
