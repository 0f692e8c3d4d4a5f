using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>A private key file others can read is used, with a warning that says how to fix it.</summary>
    public sealed class KeyFileAccessTests : IDisposable
    {
        private readonly ScratchFolder _folder = new ScratchFolder();

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void AKeyFileOthersCanReadIsUsedWithAWarning()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // Unix file modes; the Windows ACL reading is the theory below.
            }

            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");
            var path = _folder.File("shared.pem");
            PrivateKeyWriter.WriteFile(path, PrivateKeyWriter.ToPkcs8Pem(key), overwrite: false);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            var (read, log) = ReadLogged(path);

            using (read)
            {
                Assert.Equal(key.Thumbprint, read.Thumbprint);
            }

            var (level, message) = Assert.Single(log);
            Assert.Equal(QlikLogLevel.Warning, level);
            Assert.Contains($"'{path}' can be read or changed by other users (mode 0644)", message);
            Assert.Contains($"chmod 600 '{path}'", message);
        }

        [Fact]
        public void AKeyFileWrittenByTheModuleGivesNoWarning()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");
            var path = _folder.File("own.pem");
            PrivateKeyWriter.WriteFile(path, PrivateKeyWriter.ToPkcs8Pem(key), overwrite: false);

            var (read, log) = ReadLogged(path);
            read.Dispose();

            Assert.Empty(log);
        }

        [Theory]
        // What WindowsFile writes: protected, owner rights, SYSTEM, Administrators.
        [InlineData("O:S-1-5-21-1-2-3-1001G:S-1-5-21-1-2-3-513D:P(A;;FA;;;OW)(A;;FA;;;SY)(A;;FA;;;BA)", "")]
        // Explorer's "only me": the owner by SID, and entries that apply only to children.
        [InlineData("O:S-1-5-21-1-2-3-1001D:PAI(A;;FA;;;S-1-5-21-1-2-3-1001)(A;OICIIO;GA;;;CO)(A;;0x100000;;;WD)", "")]
        // A file in a folder that passes read to Users and full control to a service account.
        [InlineData("O:BAD:AI(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)(A;ID;FA;;;S-1-5-80-9)", "BU,S-1-5-80-9")]
        // Everyone in the two-letter form (CC = FILE_READ_DATA) and a generic read.
        [InlineData("O:S-1-5-21-1-2-3-1001D:(A;;CCLCRC;;;WD)(A;;GR;;;AU)", "WD,AU")]
        public void WindowsAclsAreReadForOtherReaders(string sddl, string expected)
        {
            Assert.Equal(expected, string.Join(",", WindowsFile.OtherReadersIn(sddl)));
        }

        private static (SigningKey Key, List<(QlikLogLevel, string)> Log) ReadLogged(string path)
        {
            var log = new List<(QlikLogLevel, string)>();
            using (QlikLog.BeginScope((level, message) => log.Add((level, message))))
            {
                return (PrivateKeyReader.ReadFile(path, keyId: "k"), log);
            }
        }
    }
}
