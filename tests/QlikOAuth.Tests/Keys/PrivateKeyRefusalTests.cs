using Base64Url = System.Buffers.Text.Base64Url;
using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using QlikOAuth.Engine.Keys;
using QlikOAuth.TestSupport;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>Every private key refusal: its stable id, and a message that never repeats the key.</summary>
    public sealed class PrivateKeyRefusalTests
    {
        [Fact]
        public void SmallRsaKeyIsRefused()
        {
            using var rsa = RSA.Create(1024);
            var pem = rsa.ExportPkcs8PrivateKeyPem();

            var ex = KeyTestSupport.AssertRefused(KeyErrors.KeyTooSmall, () => PrivateKeyReader.Read(pem), pem);
            Assert.Contains("2048", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("nistP256", "P-256")]
        [InlineData("nistP521", "P-521")]
        public void OtherCurvesAreRefused(string curve, string shownAs)
        {
            using var ec = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
            var pkcs8 = ec.ExportPkcs8PrivateKeyPem();
            var sec1 = ec.ExportECPrivateKeyPem();

            var ex = KeyTestSupport.AssertRefused(KeyErrors.UnsupportedCurve, () => PrivateKeyReader.Read(pkcs8), pkcs8);
            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedCurve, () => PrivateKeyReader.Read(sec1), sec1);
            Assert.Contains(shownAs, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void JwkOnAnotherCurveIsRefused()
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ec.ExportParameters(true);
            var json = $$"""{"kty":"EC","crv":"P-256","x":"{{B(p.Q.X)}}","y":"{{B(p.Q.Y)}}","d":"{{B(p.D)}}"}""";

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedCurve, () => PrivateKeyReader.Read(json), json);
        }

        [Theory]
        [InlineData(SigningAlgorithm.RS256, SigningAlgorithm.ES384)]
        [InlineData(SigningAlgorithm.ES384, SigningAlgorithm.RS256)]
        [InlineData(SigningAlgorithm.ES384, SigningAlgorithm.RS512)]
        public void AlgorithmThatDoesNotFitTheKeyIsRefused(SigningAlgorithm keyAlgorithm, SigningAlgorithm requested)
        {
            using var key = KeyGenerator.Generate(keyAlgorithm);
            var pem = PrivateKeyWriter.ToPkcs8Pem(key);

            KeyTestSupport.AssertRefused(KeyErrors.AlgorithmKeyMismatch, () => PrivateKeyReader.Read(pem, algorithm: requested), pem);
        }

        [Fact]
        public void JwkAlgThatDoesNotFitTheKeyIsRefused()
        {
            var json = RsaJwk(extra: "\"alg\":\"ES384\",");

            KeyTestSupport.AssertRefused(KeyErrors.AlgorithmKeyMismatch, () => PrivateKeyReader.Read(json), json);
        }

        [Fact]
        public void JwkAlgQlikDoesNotTakeIsRefused()
        {
            var json = RsaJwk(extra: "\"alg\":\"PS256\",");

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedAlgorithm, () => PrivateKeyReader.Read(json), json);
        }

        [Fact]
        public void SymmetricJwkIsRefused()
        {
            var json = """{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}""";

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeyType, () => PrivateKeyReader.Read(json), json);
        }

        [Fact]
        public void EncryptedKeyWithoutPasswordIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var pem = PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure("right"));

            KeyTestSupport.AssertRefused(KeyErrors.KeyPasswordRequired, () => PrivateKeyReader.Read(pem), pem);
        }

        // Bad padding catches most wrong passwords; many tries over a cheap (1,000-iteration) .NET file make sure
        // none gets through as a crypto exception or a garbled key.
        [Fact]
        public void WrongPasswordsAreRefusedCleanly()
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var pem = ec.ExportEncryptedPkcs8PrivateKeyPem("right", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

            for (var i = 0; i < 100; i++)
            {
                var ex = KeyTestSupport.AssertRefused(KeyErrors.WrongKeyPassword, () => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("wrong" + i)), pem);
                Assert.DoesNotContain("wrong" + i, ex.Message, StringComparison.Ordinal);
            }
        }

        // About one wrong password in 256 yields valid padding; the plaintext is then not a DER SEQUENCE. Encrypting
        // non-DER bytes with the right password reproduces that case deterministically.
        [Fact]
        public void DecryptionToNonDerCountsAsWrongPassword()
        {
            var pem = Pem.Write("ENCRYPTED PRIVATE KEY", Pbes2.Encrypt(RandomNumberGenerator.GetBytes(40).Prepend((byte)0x04).ToArray(), KeyTestSupport.Secure("right")));

            KeyTestSupport.AssertRefused(KeyErrors.WrongKeyPassword, () => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("right")), pem);
        }

        // A corrupt file could ask for no iterations at all: refused before any key is derived.
        [Fact]
        public void ZeroIterationsIsAnUnreadableFile()
        {
            var pem = CostlyKeyFile.Pem(0, CostlyKeyFile.HmacWithSha256);

            var ex = KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("pw")), pem);
            Assert.Contains("PBKDF2 iterations", ex.Message, StringComparison.Ordinal);
        }

        // The work is iterations times blocks: HMAC-SHA1 (the PRF a file gets when it names none) makes 20-byte blocks,
        // so AES-256's 32-byte key takes two, and 6,000,000 iterations cost 12,000,000 HMACs. Refused before deriving.
        [Theory]
        [InlineData(6_000_000, null)]
        [InlineData(10_000_001, CostlyKeyFile.HmacWithSha256)]
        public void WorkOverTheCapIsRefusedBeforeDeriving(int iterations, string? prfOid)
        {
            var pem = CostlyKeyFile.Pem(iterations, prfOid);

            var ex = KeyTestSupport.AssertRefused(KeyErrors.KeyDerivationTooCostly, () => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("pw")), pem);
            Assert.Contains(((long)iterations * (prfOid is null ? 2 : 1)).ToString("N0", CultureInfo.InvariantCulture) + " HMAC computations", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AnAlreadyCancelledReadStopsWithoutDeriving()
        {
            var pem = CostlyKeyFile.Pem(9_000_000, CostlyKeyFile.HmacWithSha256);
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            Assert.Throws<OperationCanceledException>(() => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("pw"), cancellationToken: cancelled.Token));
        }

        [Fact]
        public void PublicKeyGivenForSigningIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256);
            using var rsa = KeyTestSupport.PlatformKey(key.PublicJwk);

            KeyTestSupport.AssertRefused(KeyErrors.PublicKeyGivenAsPrivate, () => PrivateKeyReader.Read(((RSA)rsa).ExportSubjectPublicKeyInfoPem()));
            KeyTestSupport.AssertRefused(KeyErrors.PublicKeyGivenAsPrivate, () => PrivateKeyReader.Read(key.PublicJwk.ToJson()));
        }

        [Theory]
        [InlineData("")]
        [InlineData("not a key at all")]
        [InlineData("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")]
        [InlineData("-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEA\n-----END PRIVATE KEY-----\n")]
        [InlineData("{\"kty\":\"RSA\",")]
        [InlineData("[1,2,3]")]
        public void GarbageIsRefused(string text)
        {
            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read(text), text);
        }

        [Fact]
        public void TruncatedPemIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.RS256);
            var pem = PrivateKeyWriter.ToPkcs8Pem(key);
            var lines = pem.Split('\n').ToList();
            lines.RemoveRange(5, 4);
            var truncated = string.Join('\n', lines);

            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read(truncated), pem);
        }

        [Fact]
        public void RsaJwkWithoutCrtMembersIsRefused()
        {
            var json = RsaJwk(omit: "qi");

            var ex = KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read(json), json);
            Assert.Contains("qi", ex.Message, StringComparison.Ordinal);
        }

        // Halves of two keys: the pair check signs and verifies, and refuses.
        [Fact]
        public void JwkMixingTwoKeysIsRefused()
        {
            using var first = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            using var second = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var a = first.ExportParameters(false);
            var b = second.ExportParameters(true);
            var json = $$"""{"kty":"EC","crv":"P-384","x":"{{B(a.Q.X)}}","y":"{{B(a.Q.Y)}}","d":"{{B(b.D)}}"}""";

            KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read(json), json);
        }

        [Fact]
        public void OpenSshFormatIsRefusedWithAHint()
        {
            var text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n";

            var ex = KeyTestSupport.AssertRefused(KeyErrors.UnreadableKey, () => PrivateKeyReader.Read(text), text);
            Assert.Contains("ssh-keygen", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BlankKeyIdIsRefused()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            var pem = PrivateKeyWriter.ToPkcs8Pem(key);

            KeyTestSupport.AssertRefused(KeyErrors.InvalidKeyId, () => PrivateKeyReader.Read(pem, keyId: " "), pem);
        }

        [Fact]
        public void EmptyPasswordIsNotUsedToEncrypt()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);

            KeyTestSupport.AssertRefused(KeyErrors.EmptyKeyPassword, () => PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure("")));
        }

        private static string RsaJwk(string extra = "", string? omit = null)
        {
            using var rsa = RSA.Create(2048);
            var p = rsa.ExportParameters(true);
            var members = new Dictionary<string, string>
            {
                ["n"] = B(p.Modulus), ["e"] = B(p.Exponent), ["d"] = B(p.D), ["p"] = B(p.P), ["q"] = B(p.Q),
                ["dp"] = B(p.DP), ["dq"] = B(p.DQ), ["qi"] = B(p.InverseQ),
            };
            if (omit is not null)
            {
                members.Remove(omit);
            }

            return "{\"kty\":\"RSA\"," + extra + string.Join(",", members.Select(m => $"\"{m.Key}\":\"{m.Value}\"")) + "}";
        }

        private static string B(byte[]? value) => Base64Url.EncodeToString(value);
    }
}
