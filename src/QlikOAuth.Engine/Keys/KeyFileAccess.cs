using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Warns when a private key file that is about to be used can be read by other users, as ssh does: the key
    /// still works (refusing it would break a runbook over a file mode), but whoever can read it can act as the
    /// client. Mode 0600 (Unix) and a protected ACL (Windows) are what New-QlikOAuthKey writes.
    /// </summary>
    internal static class KeyFileAccess
    {
        private const int GroupAndOtherBits = 0x3F; // 0077

        // File.GetUnixFileMode is .NET 7 and later (PowerShell 7.4 runs on .NET 8) and not in netstandard2.0.
        // Where it is missing (PowerShell 7.2 and 7.3), Unix files are not checked.
        private static readonly MethodInfo? GetUnixFileMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });

        public static void WarnIfOpenToOthers(string path)
        {
            string? warning;
            try
            {
                warning = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? WindowsWarning(path) : UnixWarning(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is TargetInvocationException)
            {
                // The key was read; failing to inspect its permissions is no reason to stop.
                return;
            }

            if (warning != null)
            {
                QlikLog.Warning(warning);
            }
        }

        private static string? UnixWarning(string path)
        {
            if (GetUnixFileMode is null)
            {
                return null;
            }

            int mode = Convert.ToInt32(GetUnixFileMode.Invoke(null, new object[] { path }));
            return (mode & GroupAndOtherBits) == 0
                ? null
                : $"The private key file '{path}' can be read or changed by other users (mode {Convert.ToString(mode & 0x1FF, 8).PadLeft(4, '0')}): anyone who reads it can act as the client. Make it yours only: chmod 600 '{path}'.";
        }

        private static string? WindowsWarning(string path)
        {
            IReadOnlyList<string> readers = WindowsFile.OtherReaders(path);
            return readers.Count == 0
                ? null
                : $"The private key file '{path}' can be read by other accounts ({string.Join(", ", readers)}): anyone who reads it can act as the client. Make it yours only: icacls \"{path}\" /inheritance:r /grant:r \"%USERNAME%:F\" SYSTEM:F Administrators:F.";
        }
    }
}
