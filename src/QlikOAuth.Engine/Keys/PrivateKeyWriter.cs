using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Writes a signing key as PKCS#8 PEM, which OpenSSL, .NET and this module's reader all take.</summary>
    public static class PrivateKeyWriter
    {
        /// <summary>
        /// "PRIVATE KEY", or with a password "ENCRYPTED PRIVATE KEY": PBES2 with PBKDF2-HMAC-SHA256 (100,000
        /// iterations), AES-256-CBC, a random 16-byte salt and IV.
        /// </summary>
        public static string ToPkcs8Pem(SigningKey key, SecureString? password = null)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (password is not null && password.Length == 0)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.EmptyKeyPassword,
                    "The password is empty, which would encrypt the key with no protection. Give a real password, or none to write the key unencrypted.");
            }

            var der = KeyDer.WritePrivateKeyInfo(key);
            try
            {
                return password is null
                    ? Pem.Write("PRIVATE KEY", der)
                    : Pem.Write("ENCRYPTED PRIVATE KEY", Pbes2.Encrypt(der, password));
            }
            finally
            {
                SensitiveBytes.Clear(der);
            }
        }

        /// <summary>
        /// Writes the PEM to a new file, or over an existing one only when <paramref name="overwrite"/> is set. On Linux
        /// and macOS the file is mode 0600 (owner only) before any key byte is in it. On Windows the file takes the
        /// ACL its folder gives it: under the user's profile that is the user, SYSTEM and Administrators, which is the
        /// usual protection there; choose such a folder.
        /// </summary>
        public static void WriteFile(string path, string pem, bool overwrite)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (pem is null)
            {
                throw new ArgumentNullException(nameof(pem));
            }

            if (Directory.Exists(path))
            {
                throw KeyErrors.File(KeyErrors.KeyFileUnwritable, $"'{path}' is a folder. Give a file path for the key.", path);
            }

            if (!overwrite && File.Exists(path))
            {
                throw Exists(path);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw KeyErrors.File(KeyErrors.KeyFileUnwritable, $"The folder of '{path}' does not exist. Create it first, or give another path.", path);
            }

            var content = Encoding.UTF8.GetBytes(pem);
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    WindowsFile.WriteOwnerOnly(path, content, overwrite);
                }
                else
                {
                    UnixFile.WriteOwnerOnly(path, content, overwrite);
                }
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                // Created by someone else between the check above and the write.
                throw Exists(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw KeyErrors.File(KeyErrors.KeyFileUnwritable, $"The key file '{path}' cannot be written: {ex.Message}", path);
            }
            finally
            {
                SensitiveBytes.Clear(content);
            }
        }

        /// <summary>A conflict rather than bad data: the file may be fine, it just is not to be replaced silently.</summary>
        private static Errors.QlikOAuthException Exists(string path) => new Errors.QlikOAuthException(
            KeyErrors.KeyFileExists,
            Errors.QlikErrorKind.Conflict,
            $"The file '{path}' exists already and was left unchanged. Choose another path, or allow overwriting it.",
            path);
    }
}
