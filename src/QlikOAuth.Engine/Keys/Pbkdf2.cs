using System;
using System.Security.Cryptography;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// PBKDF2 (RFC 8018 section 5.2) over any HMAC. netstandard2.0's Rfc2898DeriveBytes only does HMAC-SHA1, and
    /// the PKCS#8 files OpenSSL 3 and .NET write use HMAC-SHA256.
    /// </summary>
    internal static class Pbkdf2
    {
        /// <param name="prf">An HMAC keyed with the password; the caller owns and disposes it.</param>
        public static byte[] DeriveKey(HMAC prf, byte[] salt, int iterations, int length)
        {
            if (iterations < 1 || length < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(iterations));
            }

            var hashLength = prf.HashSize / 8;
            var output = new byte[length];
            var blockInput = new byte[salt.Length + 4];
            Buffer.BlockCopy(salt, 0, blockInput, 0, salt.Length);
            var block = new byte[hashLength];
            try
            {
                for (var blockIndex = 1; (blockIndex - 1) * hashLength < length; blockIndex++)
                {
                    // T_i = U_1 ^ U_2 ^ ... ^ U_c, with U_1 = PRF(P, S || INT(i)) and U_j = PRF(P, U_{j-1}).
                    blockInput[salt.Length] = (byte)(blockIndex >> 24);
                    blockInput[salt.Length + 1] = (byte)(blockIndex >> 16);
                    blockInput[salt.Length + 2] = (byte)(blockIndex >> 8);
                    blockInput[salt.Length + 3] = (byte)blockIndex;
                    var u = prf.ComputeHash(blockInput);
                    Buffer.BlockCopy(u, 0, block, 0, hashLength);
                    for (var j = 1; j < iterations; j++)
                    {
                        var next = prf.ComputeHash(u);
                        SensitiveBytes.Clear(u);
                        u = next;
                        for (var k = 0; k < hashLength; k++)
                        {
                            block[k] ^= u[k];
                        }
                    }

                    SensitiveBytes.Clear(u);
                    var offset = (blockIndex - 1) * hashLength;
                    Buffer.BlockCopy(block, 0, output, offset, Math.Min(hashLength, length - offset));
                }

                return output;
            }
            finally
            {
                SensitiveBytes.Clear(block);
            }
        }
    }
}
