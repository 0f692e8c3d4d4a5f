using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Key files on Windows, the counterpart of mode 0600 on Unix: created with a protected ACL that grants the
    /// file's owner, SYSTEM and Administrators and nobody else (nothing inherited from the folder), and read back
    /// to tell who else may read an existing one. netstandard2.0 has no ACL API, and the System.IO.FileSystem.
    /// AccessControl package ships a stub in its platform-neutral lib, so this goes through advapi32/kernel32.
    /// THIS CODE CANNOT RUN IN THIS REPOSITORY'S CI (Linux): it is written against the Win32 documentation and
    /// reviewed, not tested (except the reading of the ACL's text, which is plain parsing). It is kept small for that reason.
    /// </summary>
    internal static class WindowsFile
    {
        // D:P = a protected DACL (no inherited entries). FA = full access, for OW (OWNER RIGHTS: whoever owns the
        // file, which is its creator), SY (LocalSystem) and BA (BUILTIN\Administrators).
        private const string OwnerOnlyDacl = "D:P(A;;FA;;;OW)(A;;FA;;;SY)(A;;FA;;;BA)";
        private const uint SddlRevision1 = 1;
        private const uint GenericWrite = 0x40000000;
        private const uint CreateNew = 1;
        private const uint FileAttributeNormal = 0x80;
        private const uint MoveFileReplaceExisting = 0x1;
        private const uint MoveFileWriteThrough = 0x8;
        private const int SeFileObject = 1;
        private const uint OwnerSecurityInformation = 0x1;
        private const uint DaclSecurityInformation = 0x4;

        // Allow entries that apply to the file itself: (A;flags;rights;;;sid), flags without IO (inherit only).
        private static readonly Regex AllowEntry = new Regex(@"\(A;(?<flags>[A-Z]*);(?<rights>[A-Za-z0-9]+);[^;]*;[^;]*;(?<sid>[^;)]+)\)", RegexOptions.CultureInvariant);

        /// <summary>
        /// Writes the file into a new temporary file that has the protected ACL from its creation, then moves it into
        /// place (MoveFileEx keeps the moved file's ACL; File.Replace would take the old file's). Never a moment
        /// where another user may read the key.
        /// </summary>
        /// <exception cref="IOException">The file exists (without overwrite) or cannot be written.</exception>
        public static void WriteOwnerOnly(string path, byte[] content, bool overwrite)
        {
            string fullPath = Path.GetFullPath(path);
            string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8));
            bool moved = false;
            try
            {
                using (var stream = new FileStream(CreateOwnerOnly(temporary), FileAccess.Write))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                uint flags = MoveFileWriteThrough | (overwrite ? MoveFileReplaceExisting : 0);
                if (!MoveFileExW(temporary, fullPath, flags))
                {
                    throw LastError();
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

        /// <summary>The accounts other than the owner, SYSTEM and Administrators that may read the file; empty when none.</summary>
        public static IReadOnlyList<string> OtherReaders(string path)
        {
            int error = GetNamedSecurityInfoW(path, SeFileObject, OwnerSecurityInformation | DaclSecurityInformation, out _, out _, out _, out _, out IntPtr descriptor);
            if (error != 0)
            {
                throw new IOException(new Win32Exception(error).Message);
            }

            try
            {
                if (!ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor, SddlRevision1, OwnerSecurityInformation | DaclSecurityInformation, out IntPtr text, out _))
                {
                    throw LastError();
                }

                try
                {
                    return OtherReadersIn(Marshal.PtrToStringUni(text)!);
                }
                finally
                {
                    LocalFree(text);
                }
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        /// <summary>The SIDs (or SDDL aliases such as BU) other than the owner, SYSTEM and Administrators that an SDDL lets read.</summary>
        internal static IReadOnlyList<string> OtherReadersIn(string sddl)
        {
            Match owner = Regex.Match(sddl, @"O:(?<sid>[^:()]+?)(?=[GDS]:|$)", RegexOptions.CultureInvariant);
            var trusted = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "OW", "SY", "BA", owner.Groups["sid"].Value };
            var readers = new List<string>();
            foreach (Match entry in AllowEntry.Matches(sddl))
            {
                string sid = entry.Groups["sid"].Value;
                if (!entry.Groups["flags"].Value.Contains("IO") && !trusted.Contains(sid) && GrantsRead(entry.Groups["rights"].Value))
                {
                    readers.Add(sid);
                }
            }

            return readers;
        }

        // FILE_READ_DATA (0x1, "CC" in SDDL's two-letter form), GENERIC_READ, GENERIC_ALL, or the file aliases FA/FR.
        private static bool GrantsRead(string rights)
        {
            if (rights.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                uint mask = Convert.ToUInt32(rights.Substring(2), 16);
                return (mask & (0x1 | 0x80000000 | 0x10000000)) != 0;
            }

            for (int index = 0; index + 1 < rights.Length; index += 2)
            {
                string right = rights.Substring(index, 2);
                if (right == "FA" || right == "FR" || right == "GA" || right == "GR" || right == "CC")
                {
                    return true;
                }
            }

            return false;
        }

        private static SafeFileHandle CreateOwnerOnly(string path)
        {
            if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(OwnerOnlyDacl, SddlRevision1, out IntPtr descriptor, IntPtr.Zero))
            {
                throw LastError();
            }

            try
            {
                var attributes = new SecurityAttributes { Length = Marshal.SizeOf<SecurityAttributes>(), SecurityDescriptor = descriptor };
                SafeFileHandle handle = CreateFileW(path, GenericWrite, 0, ref attributes, CreateNew, FileAttributeNormal, IntPtr.Zero);
                return handle.IsInvalid ? throw LastError() : handle;
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        private static IOException LastError() => new IOException(new Win32Exception(Marshal.GetLastWin32Error()).Message);

        [StructLayout(LayoutKind.Sequential)]
        private struct SecurityAttributes
        {
            public int Length;
            public IntPtr SecurityDescriptor;
            public bool InheritHandle;
        }

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string sddl, uint revision, out IntPtr descriptor, IntPtr size);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool ConvertSecurityDescriptorToStringSecurityDescriptorW(IntPtr descriptor, uint revision, uint information, out IntPtr sddl, out uint length);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int GetNamedSecurityInfoW(string path, int objectType, uint information, out IntPtr owner, out IntPtr group, out IntPtr dacl, out IntPtr sacl, out IntPtr descriptor);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern SafeFileHandle CreateFileW(string path, uint access, uint share, ref SecurityAttributes attributes, uint disposition, uint flags, IntPtr template);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool MoveFileExW(string existing, string target, uint flags);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);
    }
}
