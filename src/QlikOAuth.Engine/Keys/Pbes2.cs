using System;
using System.Security.Cryptography;

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

        /// <summary>Bounds the work a corrupt or hostile file can demand (tens of seconds at most).</summary>
        private const int MaximumIterations = 10_000_000;

        private const int SaltLength = 16;

        /// <summary>Decrypts to the inner PKCS#8 PrivateKeyInfo DER; the caller clears it.</summary>
        public static byte[] Decrypt(byte[] encryptedPrivateKeyInfo, byte[] password, string? path)
        {
            byte[] salt, iv, ciphertext;
            int iterations, keyLength;
            string prfOid;
            try
            {
                var outer = new DerReader(encryptedPrivateKeyInfo).ReadSequence();
                var algorithm = outer.ReadSequence();
                var scheme = algorithm.ReadOid();
                if (scheme != Oids.Pbes2)
                {
                    throw Unsupported(path);
                }

                var pbes2 = algorithm.ReadSequence();
                var kdf = pbes2.ReadSequence();
                if (kdf.ReadOid() != Oids.Pbkdf2)
                {
                    throw Unsupported(path);
                }

                var kdfParams = kdf.ReadSequence();
                if (kdfParams.PeekTag() != DerReader.OctetString)
                {
                    throw Unsupported(path);
                }

                salt = kdfParams.ReadOctetString();
                iterations = kdfParams.ReadInt32();
                var declaredKeyLength = kdfParams.HasData && kdfParams.PeekTag() == DerReader.Integer ? kdfParams.ReadInt32() : 0;
                prfOid = Oids.HmacWithSha1; // the DEFAULT of PBKDF2-params
                if (kdfParams.HasData)
                {
                    var prf = kdfParams.ReadSequence();
                    prfOid = prf.ReadOid();
                }

                var cipher = pbes2.ReadSequence();
                keyLength = cipher.ReadOid() switch
                {
                    Oids.Aes128Cbc => 16,
                    Oids.Aes192Cbc => 24,
                    Oids.Aes256Cbc => 32,
                    _ => throw Unsupported(path),
                };
                iv = cipher.ReadOctetString();
                ciphertext = outer.ReadOctetString();
                outer.ThrowIfNotEnd();

                if (iv.Length != 16 || ciphertext.Length == 0 || ciphertext.Length % 16 != 0
                    || (declaredKeyLength != 0 && declaredKeyLength != keyLength))
                {
                    throw KeyErrors.Unreadable("the encrypted key is damaged (its AES parameters do not fit). Export the key again.", path);
                }

                if (iterations < 1 || iterations > MaximumIterations)
                {
                    throw KeyErrors.Unreadable($"the key's encryption asks for {iterations} PBKDF2 iterations; 1 to {MaximumIterations} are accepted. Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc.", path);
                }
            }
            catch (DerFormatException)
            {
                throw KeyErrors.Unreadable("the encrypted private key is not a valid PKCS#8 EncryptedPrivateKeyInfo. Export the key again.", path);
            }

            using var hmac = CreatePrf(prfOid) ?? throw Unsupported(path);
            var key = Array.Empty<byte>();
            try
            {
                hmac.Key = password;
                key = Pbkdf2.DeriveKey(hmac, salt, iterations, keyLength);
                var plaintext = AesCbc(key, iv, ciphertext, encrypt: false);
                if (plaintext is null || !IsSingleSequence(plaintext))
                {
                    if (plaintext is not null)
                    {
                        Array.Clear(plaintext, 0, plaintext.Length);
                    }

                    throw KeyErrors.Invalid(
                        KeyErrors.WrongKeyPassword,
                        "The password does not decrypt this private key. Check the password (it is case-sensitive), or export the key again if the file is damaged.",
                        path);
                }

                return plaintext;
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        /// <summary>Encrypts PrivateKeyInfo DER with PBKDF2-HMAC-SHA256 and AES-256-CBC, random salt and IV.</summary>
        public static byte[] Encrypt(byte[] privateKeyInfo, byte[] password)
        {
            var salt = new byte[SaltLength];
            var iv = new byte[16];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(salt);
                random.GetBytes(iv);
            }

            var key = Array.Empty<byte>();
            try
            {
                using (var hmac = new HMACSHA256(password))
                {
                    key = Pbkdf2.DeriveKey(hmac, salt, WriteIterations, 32);
                }

                var ciphertext = AesCbc(key, iv, privateKeyInfo, encrypt: true)!;
                return DerWriter.Sequence(
                    DerWriter.Sequence(
                        DerWriter.Oid(Oids.Pbes2),
                        DerWriter.Sequence(
                            DerWriter.Sequence(
                                DerWriter.Oid(Oids.Pbkdf2),
                                DerWriter.Sequence(
                                    DerWriter.OctetString(salt),
                                    DerWriter.Integer(WriteIterations),
                                    DerWriter.Sequence(DerWriter.Oid(Oids.HmacWithSha256), DerWriter.Null()))),
                            DerWriter.Sequence(DerWriter.Oid(Oids.Aes256Cbc), DerWriter.OctetString(iv)))),
                    DerWriter.OctetString(ciphertext)).Encode();
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        private static HMAC? CreatePrf(string oid) => oid switch
        {
            Oids.HmacWithSha1 => new HMACSHA1(),
            Oids.HmacWithSha256 => new HMACSHA256(),
            Oids.HmacWithSha384 => new HMACSHA384(),
            Oids.HmacWithSha512 => new HMACSHA512(),
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
                var reader = new DerReader(plaintext);
                reader.ReadSequence();
                reader.ThrowIfNotEnd();
                return true;
            }
            catch (DerFormatException)
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
