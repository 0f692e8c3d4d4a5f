using System;
using System.Formats.Asn1;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// PKCS#8 EncryptedPrivateKeyInfo with PBES2 (RFC 8018 section 6.2): PBKDF2 with HMAC-SHA1/256/384/512 and
    /// AES-CBC. That covers what OpenSSL 3 (`openssl pkcs8 -topk8 -v2 aes-256-cbc`, `genpkey -aes256`) and .NET's
    /// ExportEncryptedPkcs8PrivateKey write. The legacy PBES1 and PKCS#12 schemes are refused.
    /// </summary>
    internal static class Pbes2
    {
        /// <summary>
        /// 100,000 iterations of PBKDF2-HMAC-SHA256: about 50 times OpenSSL 3's default (2,048) and the figure
        /// NIST SP 800-132 and RFC 8018 frame as "as large as feasible". Every token request that reads the key file
        /// pays this once, and in a managed loop on Windows PowerShell 5.1 it stays near a tenth of a second. OWASP's
        /// 600,000 is meant for password databases an attacker steals wholesale; a key file is a single target and
        /// the password should be long, which matters more than the count.
        /// </summary>
        public const int WriteIterations = 100_000;

        /// <summary>
        /// The most PBKDF2 work (HMAC computations: iterations times blocks) a file may ask for. A file names its own
        /// count, so a hostile one could demand hours. 10,000,000 is 100 times what this module writes and about 5,000
        /// times OpenSSL 3's default, so a file from any key tool passes. On the shared 2-core test machine it is about 10
        /// seconds of HMAC-SHA256 and 20 of HMAC-SHA512, less on a desktop: long but bounded, and Ctrl+C stops it.
        /// The cap is on the total, not per block: HMAC-SHA1 with AES-256 derives two blocks, so twice the iterations.
        /// </summary>
        private const long MaximumWork = 10_000_000;

        private const int SaltLength = 16;

        private const string Pbes2Oid = "1.2.840.113549.1.5.13"; // RFC 8018
        private const string Pbkdf2Oid = "1.2.840.113549.1.5.12";
        private const string HmacWithSha1 = "1.2.840.113549.2.7";
        private const string HmacWithSha256 = "1.2.840.113549.2.9";
        private const string HmacWithSha384 = "1.2.840.113549.2.10";
        private const string HmacWithSha512 = "1.2.840.113549.2.11";
        private const string Aes128Cbc = "2.16.840.1.101.3.4.1.2";
        private const string Aes192Cbc = "2.16.840.1.101.3.4.1.22";
        private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

        /// <summary>Decrypts to the inner PKCS#8 PrivateKeyInfo DER; the caller clears it.</summary>
        public static byte[] Decrypt(byte[] encryptedPrivateKeyInfo, SecureString password, string? path, CancellationToken cancellationToken)
        {
            byte[] salt, iv, ciphertext;
            int iterations, keyLength;
            string prfOid;
            try
            {
                var outer = new AsnReader(encryptedPrivateKeyInfo, AsnEncodingRules.DER).ReadSequence();
                var pbes2 = ReadAlgorithm(outer.ReadSequence(), Pbes2Oid, path).ReadSequence();
                var kdfParams = ReadAlgorithm(pbes2.ReadSequence(), Pbkdf2Oid, path).ReadSequence();
                if (!kdfParams.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
                {
                    throw Unsupported(path);
                }

                salt = kdfParams.ReadOctetString();
                iterations = ReadInt32(kdfParams);
                var declaredKeyLength = kdfParams.HasData && kdfParams.PeekTag().HasSameClassAndValue(Asn1Tag.Integer) ? ReadInt32(kdfParams) : 0;
                prfOid = kdfParams.HasData ? kdfParams.ReadSequence().ReadObjectIdentifier() : HmacWithSha1; // the DEFAULT of PBKDF2-params
                var cipher = pbes2.ReadSequence();
                keyLength = cipher.ReadObjectIdentifier() switch
                {
                    Aes128Cbc => 16,
                    Aes192Cbc => 24,
                    Aes256Cbc => 32,
                    _ => throw Unsupported(path),
                };
                iv = cipher.ReadOctetString();
                ciphertext = outer.ReadOctetString();
                outer.ThrowIfNotEmpty();

                if (iv.Length != 16 || ciphertext.Length == 0 || ciphertext.Length % 16 != 0
                    || (declaredKeyLength != 0 && declaredKeyLength != keyLength))
                {
                    throw KeyErrors.Unreadable("the encrypted key is damaged (its AES parameters do not fit). Export the key again.", path);
                }

                if (iterations < 1)
                {
                    throw KeyErrors.Unreadable("the key's encryption asks for no PBKDF2 iterations. Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc.", path);
                }
            }
            catch (AsnContentException)
            {
                throw KeyErrors.Unreadable("the encrypted private key is not a valid PKCS#8 EncryptedPrivateKeyInfo. Export the key again.", path);
            }

            using var hmac = CreatePrf(prfOid) ?? throw Unsupported(path);
            long work = Pbkdf2.Work(hmac, iterations, keyLength);
            if (work > MaximumWork)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.KeyDerivationTooCostly,
                    $"The private key's encryption asks for {Count(work)} HMAC computations ({Count(iterations)} PBKDF2 iterations), more than the {Count(MaximumWork)} this module does; key tools write far fewer. "
                    + "If you trust the file, re-encrypt it with fewer: openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 100000 -in key.pem -out key-aes.pem.",
                    path);
            }

            var passwordBytes = ToUtf8(password);
            var key = Array.Empty<byte>();
            try
            {
                hmac.Key = passwordBytes;
                key = Pbkdf2.DeriveKey(hmac, salt, iterations, keyLength, cancellationToken);
                var plaintext = AesCbc(key, iv, ciphertext, encrypt: false);
                if (plaintext is null || !IsSingleSequence(plaintext))
                {
                    SensitiveBytes.Clear(plaintext);
                    throw KeyErrors.Invalid(
                        KeyErrors.WrongKeyPassword,
                        "The password does not decrypt this private key. Check the password (it is case-sensitive), or export the key again if the file is damaged.",
                        path);
                }

                return plaintext;
            }
            finally
            {
                SensitiveBytes.Clear(key, passwordBytes);
            }
        }

        /// <summary>Encrypts PrivateKeyInfo DER with PBKDF2-HMAC-SHA256 and AES-256-CBC, random salt and IV.</summary>
        public static byte[] Encrypt(byte[] privateKeyInfo, SecureString password)
        {
            var salt = new byte[SaltLength];
            var iv = new byte[16];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(salt);
                random.GetBytes(iv);
            }

            var passwordBytes = ToUtf8(password);
            var key = Array.Empty<byte>();
            try
            {
                using (var hmac = new HMACSHA256(passwordBytes))
                {
                    key = Pbkdf2.DeriveKey(hmac, salt, WriteIterations, 32, CancellationToken.None);
                }

                var writer = new AsnWriter(AsnEncodingRules.DER);
                writer.PushSequence();                // EncryptedPrivateKeyInfo
                writer.PushSequence();                //   encryptionAlgorithm
                writer.WriteObjectIdentifier(Pbes2Oid);
                writer.PushSequence();                //     PBES2-params
                writer.PushSequence();                //       keyDerivationFunc
                writer.WriteObjectIdentifier(Pbkdf2Oid);
                writer.PushSequence();                //         PBKDF2-params
                writer.WriteOctetString(salt);
                writer.WriteInteger(WriteIterations);
                KeyDer.WriteAlgorithm(writer, HmacWithSha256, null);
                writer.PopSequence();
                writer.PopSequence();
                writer.PushSequence();                //       encryptionScheme
                writer.WriteObjectIdentifier(Aes256Cbc);
                writer.WriteOctetString(iv);
                writer.PopSequence();
                writer.PopSequence();
                writer.PopSequence();
                writer.WriteOctetString(AesCbc(key, iv, privateKeyInfo, encrypt: true)!);
                writer.PopSequence();
                return writer.Encode();
            }
            finally
            {
                SensitiveBytes.Clear(key, passwordBytes);
            }
        }

        private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>The password as the UTF-8 octets PBES2 derives from (OpenSSL and .NET do the same); the caller clears them.</summary>
        private static byte[] ToUtf8(SecureString password)
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

        /// <summary>An AlgorithmIdentifier whose OID must be <paramref name="oid"/>; returns the reader at its parameters.</summary>
        private static AsnReader ReadAlgorithm(AsnReader algorithm, string oid, string? path) =>
            algorithm.ReadObjectIdentifier() == oid ? algorithm : throw Unsupported(path);

        /// <summary>A small non-negative INTEGER (an iteration count, a key length).</summary>
        private static int ReadInt32(AsnReader reader) =>
            reader.TryReadInt32(out var value) && value >= 0 ? value : throw new AsnContentException("integer out of range");

        private static HMAC? CreatePrf(string oid) => oid switch
        {
            HmacWithSha1 => new HMACSHA1(),
            HmacWithSha256 => new HMACSHA256(),
            HmacWithSha384 => new HMACSHA384(),
            HmacWithSha512 => new HMACSHA512(),
            _ => null,
        };

        /// <summary>AES-CBC with PKCS#7 padding; null when decryption finds bad padding (the usual wrong-password sign).</summary>
        private static byte[]? AesCbc(byte[] key, byte[] iv, byte[] input, bool encrypt)
        {
            using var aes = Aes.Create();
            aes.Mode = CipherMode.CBC;
            aes.Padding = PaddingMode.PKCS7;
            using var transform = encrypt ? aes.CreateEncryptor(key, iv) : aes.CreateDecryptor(key, iv);
            try
            {
                return transform.TransformFinalBlock(input, 0, input.Length);
            }
            catch (CryptographicException) when (!encrypt)
            {
                return null;
            }
        }

        /// <summary>
        /// Padding passes by chance for about one wrong password in 256; a decrypted PrivateKeyInfo is exactly one
        /// DER SEQUENCE, which random bytes practically never are.
        /// </summary>
        private static bool IsSingleSequence(byte[] plaintext)
        {
            try
            {
                var reader = new AsnReader(plaintext, AsnEncodingRules.DER);
                reader.ReadSequence();
                reader.ThrowIfNotEmpty();
                return true;
            }
            catch (AsnContentException)
            {
                return false;
            }
        }

        private static Errors.QlikOAuthException Unsupported(string? path) => KeyErrors.Invalid(
            KeyErrors.UnsupportedKeyEncryption,
            "The private key is encrypted with a scheme this module does not read (only PBES2 with PBKDF2 and AES-CBC). Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem.",
            path);
    }
}
