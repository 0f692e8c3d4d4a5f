using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>Keys cross both ways between this module and the openssl command line (OpenSSL 3).</summary>
    public sealed class OpenSslInteropTests : IDisposable
    {
        private readonly ScratchFolder _folder = new ScratchFolder();

        public void Dispose() => _folder.Dispose();

        [Theory]
        [InlineData("RSA", "rsa_keygen_bits:2048")]
        [InlineData("EC", "ec_paramgen_curve:P-384")]
        public void ReadsOpenSslPkcs8AndMatchesItsPublicKey(string algorithm, string option)
        {
            OpenSsl("genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", "key.pem");

            using var key = PrivateKeyReader.ReadFile(_folder.File("key.pem"), keyId: "k");

            Assert.Equal(key.Thumbprint, OpenSslPublicKey("key.pem").Thumbprint);
        }

        // genpkey -aes-256-cbc writes PBES2 with PBKDF2-HMAC-SHA256; pkcs8 -v2prf hmacWithSHA1 the older PRF.
        [Theory]
        [InlineData("RSA", "rsa_keygen_bits:2048", "aes-256-cbc", "hmacWithSHA256")]
        [InlineData("EC", "ec_paramgen_curve:P-384", "aes-128-cbc", "hmacWithSHA1")]
        [InlineData("EC", "ec_paramgen_curve:P-384", "aes-192-cbc", "hmacWithSHA512")]
        public void ReadsOpenSslEncryptedPkcs8(string algorithm, string option, string cipher, string prf)
        {
            OpenSsl("genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", "plain.pem");
            OpenSsl("pkcs8", "-topk8", "-in", "plain.pem", "-v2", cipher, "-v2prf", prf, "-passout", "pass:open sesame", "-out", "encrypted.pem");

            using var key = PrivateKeyReader.ReadFile(_folder.File("encrypted.pem"), KeyTestSupport.Secure("open sesame"), "k");

            Assert.Equal(OpenSslPublicKey("plain.pem").Thumbprint, key.Thumbprint);
        }

        // "-traditional" writes PKCS#1 "RSA PRIVATE KEY" and SEC1 "EC PRIVATE KEY".
        [Theory]
        [InlineData("RSA", "rsa_keygen_bits:3072", "RSA PRIVATE KEY")]
        [InlineData("EC", "ec_paramgen_curve:P-384", "EC PRIVATE KEY")]
        public void ReadsOpenSslTraditionalFormats(string algorithm, string option, string label)
        {
            OpenSsl("genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", "key.pem");
            OpenSsl("pkey", "-in", "key.pem", "-traditional", "-out", "traditional.pem");
            Assert.Contains(label, File.ReadAllText(_folder.File("traditional.pem")), StringComparison.Ordinal);

            using var key = PrivateKeyReader.ReadFile(_folder.File("traditional.pem"), keyId: "k");

            Assert.Equal(OpenSslPublicKey("key.pem").Thumbprint, key.Thumbprint);
        }

        // `ecparam -genkey` puts an "EC PARAMETERS" block first; -no_public leaves out SEC1's optional public key.
        [Fact]
        public void ReadsEcParamOutputAndKeysWithoutPublicPoint()
        {
            OpenSsl("ecparam", "-name", "secp384r1", "-genkey", "-out", "ecparam.pem");
            OpenSsl("ec", "-in", "ecparam.pem", "-no_public", "-out", "nopublic.pem");

            using var withParameters = PrivateKeyReader.ReadFile(_folder.File("ecparam.pem"), keyId: "k");
            using var withoutPublic = PrivateKeyReader.ReadFile(_folder.File("nopublic.pem"), keyId: "k");

            Assert.Equal(OpenSslPublicKey("ecparam.pem").Thumbprint, withParameters.Thumbprint);
            Assert.Equal(withParameters.Thumbprint, withoutPublic.Thumbprint);
        }

        [Fact]
        public void ReadsOpenSslPkcs1PublicKey()
        {
            OpenSsl("genpkey", "-algorithm", "RSA", "-out", "key.pem");
            OpenSsl("rsa", "-in", "key.pem", "-RSAPublicKey_out", "-out", "pkcs1.pem");

            Assert.Equal(OpenSslPublicKey("key.pem").Thumbprint, PublicKeyReader.ReadFile(_folder.File("pkcs1.pem")).Thumbprint);
        }

        [Theory]
        [InlineData(SigningAlgorithm.RS256, null)]
        [InlineData(SigningAlgorithm.ES384, null)]
        [InlineData(SigningAlgorithm.RS512, "pw for openssl")]
        [InlineData(SigningAlgorithm.ES384, "pw for openssl")]
        public void OpenSslReadsOurKeys(SigningAlgorithm algorithm, string? password)
        {
            using var key = KeyGenerator.Generate(algorithm, 3072);
            File.WriteAllText(_folder.File("ours.pem"), PrivateKeyWriter.ToPkcs8Pem(key, password is null ? null : KeyTestSupport.Secure(password)));

            OpenSsl("pkey", "-in", "ours.pem", "-passin", "pass:" + (password ?? ""), "-check", "-noout");
            OpenSsl("pkey", "-in", "ours.pem", "-passin", "pass:" + (password ?? ""), "-pubout", "-out", "public.pem");

            Assert.Equal(key.Thumbprint, PublicKeyReader.ReadFile(_folder.File("public.pem")).Thumbprint);
        }

        // The comment on Pbes2.WriteIterations promises these parameters; openssl's parser confirms them.
        [Fact]
        public void OurEncryptionIsPbes2WithPbkdf2Sha256AndAes256()
        {
            using var key = KeyGenerator.Generate(SigningAlgorithm.ES384);
            File.WriteAllText(_folder.File("ours.pem"), PrivateKeyWriter.ToPkcs8Pem(key, KeyTestSupport.Secure("pw")));

            var structure = OpenSsl("asn1parse", "-in", "ours.pem");

            Assert.Contains(":PBES2", structure, StringComparison.Ordinal);
            Assert.Contains(":PBKDF2", structure, StringComparison.Ordinal);
            Assert.Contains(":hmacWithSHA256", structure, StringComparison.Ordinal);
            Assert.Contains(":aes-256-cbc", structure, StringComparison.Ordinal);
            Assert.Contains("INTEGER           :0186A0", structure, StringComparison.Ordinal); // 100,000
        }

        // OpenSSL verifies the assertion's RS256 signature; an ES384 one after turning r||s into the DER it expects.
        [Theory]
        [InlineData(SigningAlgorithm.RS256, "-sha256")]
        [InlineData(SigningAlgorithm.RS512, "-sha512")]
        [InlineData(SigningAlgorithm.ES384, "-sha384")]
        public void OpenSslVerifiesOurAssertionSignatures(SigningAlgorithm algorithm, string digest)
        {
            OpenSsl("genpkey", "-algorithm", algorithm == SigningAlgorithm.ES384 ? "EC" : "RSA", "-pkeyopt",
                algorithm == SigningAlgorithm.ES384 ? "ec_paramgen_curve:P-384" : "rsa_keygen_bits:2048", "-out", "key.pem");
            OpenSsl("pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");
            using var key = PrivateKeyReader.ReadFile(_folder.File("key.pem"), keyId: "k", algorithm: algorithm);

            var jwt = KeyTestSupport.DecodeJwt(ClientAssertion.Create(key, "client", new Uri("https://t.eu.qlikcloud.com/oauth/token"), DateTimeOffset.UtcNow));
            File.WriteAllBytes(_folder.File("input.bin"), jwt.SigningInput);
            File.WriteAllBytes(_folder.File("signature.bin"), algorithm == SigningAlgorithm.ES384 ? ToDer(jwt.Signature) : jwt.Signature);

            Assert.Contains("Verified OK", OpenSsl("dgst", digest, "-verify", "public.pem", "-signature", "signature.bin", "input.bin"), StringComparison.Ordinal);
        }

        [Fact]
        public void RefusesOpenSslLegacyPemEncryption()
        {
            OpenSsl("genpkey", "-algorithm", "RSA", "-out", "key.pem");
            OpenSsl("pkey", "-in", "key.pem", "-traditional", "-aes256", "-passout", "pass:pw", "-out", "legacy.pem");
            var pem = File.ReadAllText(_folder.File("legacy.pem"));

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeyEncryption, () => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("pw")), pem);
        }

        [Fact]
        public void RefusesPbes1Encryption()
        {
            OpenSsl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "key.pem");
            OpenSsl("pkcs8", "-topk8", "-in", "key.pem", "-v1", "PBE-SHA1-3DES", "-passout", "pass:pw", "-out", "pbes1.pem");
            var pem = File.ReadAllText(_folder.File("pbes1.pem"));

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeyEncryption, () => PrivateKeyReader.Read(pem, KeyTestSupport.Secure("pw")), pem);
        }

        [Theory]
        [InlineData("ED25519")]
        [InlineData("RSA-PSS")]
        public void RefusesKeyTypesQlikDoesNotTake(string algorithm)
        {
            OpenSsl("genpkey", "-algorithm", algorithm, "-out", "key.pem");
            OpenSsl("pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");
            var pem = File.ReadAllText(_folder.File("key.pem"));

            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeyType, () => PrivateKeyReader.Read(pem), pem);
            KeyTestSupport.AssertRefused(KeyErrors.UnsupportedKeyType, () => PublicKeyReader.ReadFile(_folder.File("public.pem")));
        }

        [Fact]
        public void RefusesOpenSslP256Key()
        {
            OpenSsl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
            var pem = File.ReadAllText(_folder.File("key.pem"));

            var ex = KeyTestSupport.AssertRefused(KeyErrors.UnsupportedCurve, () => PrivateKeyReader.Read(pem), pem);
            Assert.Contains("P-256", ex.Message, StringComparison.Ordinal);
        }

        private string OpenSsl(params string[] arguments) => KeyTestSupport.OpenSsl(_folder.Path, arguments);

        private PublicJwk OpenSslPublicKey(string privateKeyFile)
        {
            OpenSsl("pkey", "-in", privateKeyFile, "-pubout", "-out", "openssl-public.pem");
            return PublicKeyReader.ReadFile(_folder.File("openssl-public.pem"));
        }

        /// <summary>JWS ES384 r||s (48 + 48 bytes) as the DER ECDSA-Sig-Value OpenSSL verifies (RFC 3279).</summary>
        private static byte[] ToDer(byte[] raw)
        {
            Assert.Equal(96, raw.Length);
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                // r and s are fixed-length in JWS; DER wants them minimal (a leading zero byte happens about once in 256 signatures).
                writer.WriteInteger(new BigInteger(raw.AsSpan(0, 48), isUnsigned: true, isBigEndian: true));
                writer.WriteInteger(new BigInteger(raw.AsSpan(48, 48), isUnsigned: true, isBigEndian: true));
            }

            return writer.Encode();
        }
    }
}
