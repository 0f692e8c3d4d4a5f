using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Writes a file that is mode 0600 from the moment it exists, through libc, since netstandard2.0 has no
    /// File.SetUnixFileMode. mkstemp creates a fresh file with O_EXCL and mode 0600 (and, unlike open(2), is not
    /// variadic, so P/Invoke passes its arguments correctly on every ABI, Apple arm64 included). The content goes
    /// into that file, which is then renamed into place: no moment exists where the key is readable by others,
    /// and a reader that had the old file open never sees the new key.
    /// </summary>
    internal static class UnixFile
    {
        public static void WriteOwnerOnly(string path, byte[] content, bool overwrite)
        {
            var fullPath = Path.GetFullPath(path);
            var template = Encoding.UTF8.GetBytes(Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + ".XXXXXX") + "\0");
            var descriptor = mkstemp(template);
            if (descriptor < 0)
            {
                throw Failure(path, Marshal.GetLastWin32Error());
            }

            var temporary = Encoding.UTF8.GetString(template, 0, template.Length - 1);
            var moved = false;
            try
            {
                using (var stream = new FileStream(new SafeFileHandle((IntPtr)descriptor, ownsHandle: true), FileAccess.Write))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                if (overwrite)
                {
                    // rename(2) replaces the target atomically.
                    if (rename(temporary, fullPath) != 0)
                    {
                        throw Failure(path, Marshal.GetLastWin32Error());
                    }
                }
                else
                {
                    // File.Move refuses an existing target; on Unix .NET does it with link(2), so the check is atomic.
                    File.Move(temporary, fullPath);
                }

                moved = true;
            }
            finally
            {
                if (!moved)
                {
                    File.Delete(temporary);
                }
            }
        }

        private static Exception Failure(string path, int errno) =>
            KeyErrors.File(KeyErrors.KeyFileUnwritable, $"The key file '{path}' cannot be written: {new Win32Exception(errno).Message}.", path);

        [DllImport("libc", SetLastError = true)]
        private static extern int mkstemp(byte[] template);

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int rename(string oldPath, string newPath);
    }
}
