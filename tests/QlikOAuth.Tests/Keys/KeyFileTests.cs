using System.Text;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    public sealed class KeyFileTests : IDisposable
    {
        private readonly ScratchFolder _folder = new ScratchFolder();

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void WritesAndReadsBackAnEncryptedKey()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "k");
            var path = _folder.File("key.pem");

            PrivateKeyWriter.WriteFile(path, PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure("pw")), overwrite: false);
            using var back = PrivateKeyReader.ReadFile(path, KeyTestSupport.Secure("pw"), "k");

            Assert.Equal(key.Thumbprint, back.Thumbprint);
        }

        // On Windows the file gets a protected ACL (WindowsFile), which this Linux CI cannot check: only the content is checked there.
        [Fact]
        public void NewFileIsOwnerOnlyOnUnix()
        {
            var path = _folder.File("key.pem");

            PrivateKeyWriter.WriteFile(path, "-----BEGIN PRIVATE KEY-----\n", overwrite: false);

            Assert.Equal("-----BEGIN PRIVATE KEY-----\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        [Fact]
        public void ExistingFileIsLeftAloneWithoutOverwrite()
        {
            var path = _folder.File("key.pem");
            File.WriteAllText(path, "precious");

            var ex = KeyTestSupport.AssertRefused(KeyErrors.KeyFileExists, () => PrivateKeyWriter.WriteFile(path, "new", overwrite: false));

            Assert.Equal("precious", File.ReadAllText(path));
            Assert.Equal(path, ex.Target);
            Assert.Single(Directory.GetFiles(_folder.Path)); // no temporary file left behind
        }

        // Replacing a world-readable file must not inherit its mode.
        [Fact]
        public void OverwriteReplacesTheFileAndTightensItsMode()
        {
            var path = _folder.File("key.pem");
            File.WriteAllText(path, "old");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            PrivateKeyWriter.WriteFile(path, "new", overwrite: true);

            Assert.Equal("new", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_folder.Path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        [Fact]
        public void MissingFolderIsReported()
        {
            var path = Path.Combine(_folder.Path, "no-such-folder", "key.pem");

            KeyTestSupport.AssertRefused(KeyErrors.KeyFileUnwritable, () => PrivateKeyWriter.WriteFile(path, "x", overwrite: false));
        }

        [Fact]
        public void MissingKeyFileIsReported()
        {
            var path = _folder.File("absent.pem");

            var ex = KeyTestSupport.AssertRefused(KeyErrors.KeyFileNotFound, () => PrivateKeyReader.ReadFile(path));
            Assert.Equal(QlikErrorKind.InvalidData, ex.Kind);
        }

        // Text given directly is a bad argument; the same text in a file is bad data, named by its path.
        [Fact]
        public void UnreadableFileIsInvalidDataNamedByItsPath()
        {
            var path = _folder.File("garbage.pem");
            File.WriteAllText(path, "garbage");

            var fromFile = KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.ReadFile(path));
            var fromText = KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read("garbage"));

            Assert.Equal(QlikErrorKind.InvalidData, fromFile.Kind);
            Assert.Equal(path, fromFile.Target);
            Assert.Contains(path, fromFile.Message, StringComparison.Ordinal);
            Assert.Equal(QlikErrorKind.InvalidArgument, fromText.Kind);
        }

        // Windows PowerShell 5.1's Out-File and Set-Content -Encoding Unicode write UTF-16 with a byte order mark.
        [Fact]
        public void ReadsUtf16PublicKeyFile()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384, keyId: "utf16");
            var path = _folder.File("public.json");
            File.WriteAllText(path, key.PublicJwk.ToJson(), Encoding.Unicode);

            Assert.Equal(key.PublicJwk.ToJson(), PublicKeyReader.ReadFile(path).ToJson());
        }
    }
}
