using System;
using System.IO;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Reads a key file's text, with clear errors for the file problems users actually hit.</summary>
    internal static class KeyFile
    {
        /// <summary>Key files are a few kilobytes; anything far larger is the wrong file.</summary>
        private const long MaximumLength = 1024 * 1024;

        /// <summary>A private key file's text; warns (QlikLog) when other users can read the file.</summary>
        public static string ReadPrivateText(string path)
        {
            string text = ReadText(path);
            KeyFileAccess.WarnIfOpenToOthers(path);
            return text;
        }

        public static string ReadText(string path) =>
            // Detects a byte order mark, so files Windows PowerShell 5.1 wrote as UTF-16 read correctly too.
            Read(path, File.ReadAllText);

        /// <summary>A binary key file, such as a PKCS#12 (PFX) certificate; the caller clears the bytes.</summary>
        public static byte[] ReadBytes(string path) => Read(path, File.ReadAllBytes);

        private static T Read<T>(string path, Func<string, T> read)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Trim().Length == 0)
            {
                throw KeyErrors.Invalid(KeyErrors.KeyFileNotFound, "The key file path is empty. Give the path of a PEM or JWK key file.");
            }

            try
            {
                if (Directory.Exists(path))
                {
                    throw KeyErrors.File(KeyErrors.KeyFileUnreadable, $"'{path}' is a folder, not a key file. Give the path of a PEM or JWK key file.", path);
                }

                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    throw KeyErrors.File(KeyErrors.KeyFileNotFound, $"The key file '{path}' does not exist. Check the path (relative paths are resolved from the process's working directory, {Environment.CurrentDirectory}).", path);
                }

                if (info.Length > MaximumLength)
                {
                    throw KeyErrors.Unreadable($"it is {info.Length} bytes, far larger than any key file. Check that it is the right file.", path);
                }

                return read(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw KeyErrors.File(KeyErrors.KeyFileUnreadable, $"The key file '{path}' cannot be read: {ex.Message}", path);
            }
        }
    }
}
