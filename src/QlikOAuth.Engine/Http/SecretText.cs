using System;
using System.Runtime.InteropServices;
using System.Security;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Secrets travel as SecureString; this is the one place that reads one, just before it is sent.</summary>
    public static class SecretText
    {
        public static string Reveal(SecureString secret)
        {
            IntPtr buffer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                return Marshal.PtrToStringUni(buffer) ?? string.Empty;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(buffer);
            }
        }

        public static SecureString Protect(string plainText)
        {
            var secure = new SecureString();
            foreach (char character in plainText)
            {
                secure.AppendChar(character);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
