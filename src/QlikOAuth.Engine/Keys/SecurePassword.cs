using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Turns a SecureString into the UTF-8 octets PBES2 uses as the password (OpenSSL and .NET do the same).</summary>
    internal static class SecurePassword
    {
        /// <summary>The caller clears the returned array as soon as the key is derived.</summary>
        public static byte[] ToUtf8(SecureString password)
        {
            var chars = new char[password.Length];
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(password);
            try
            {
                Marshal.Copy(pointer, chars, 0, chars.Length);
                return Encoding.UTF8.GetBytes(chars);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
