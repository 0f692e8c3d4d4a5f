using System;
using System.Security.Cryptography;
using System.Threading;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// PBKDF2 (RFC 8018 section 5.2) over any HMAC. netstandard2.0's Rfc2898DeriveBytes only does HMAC-SHA1, and
    /// the PKCS#8 files OpenSSL 3 and .NET write use HMAC-SHA256.
    /// </summary>
    internal static class Pbkdf2
    {
        /// <summary>How many iterations run between two looks at the cancellation token: well under a millisecond of work.</summary>
        public const int CancellationCheckInterval = 1024;

        /// <summary>The PRF calls a derivation costs: the iterations for each block of <paramref name="length"/> bytes.</summary>
        public static long Work(HMAC prf, int iterations, int length) => (long)iterations * ((length + (prf.HashSize / 8) - 1) / (prf.HashSize / 8));

        /// <param name="prf">An HMAC keyed with the password; the caller owns and disposes it.</param>
        /// <param name="cancellationToken">Looked at every <see cref="CancellationCheckInterval"/> iterations: Ctrl+C stops even the costliest file.</param>
        public static byte[] DeriveKey(HMAC prf, byte[] salt, int iterations, int length, CancellationToken cancellationToken)
        {
            if (iterations < 1 || length < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(iterations));
            }

            cancellationToken.ThrowIfCancellationRequested();
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
                        if (j % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
                        {
                            SensitiveBytes.Clear(u);
                            cancellationToken.ThrowIfCancellationRequested();
                        }

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
            catch (OperationCanceledException)
            {
                SensitiveBytes.Clear(output); // the blocks derived so far are part of the key
                throw;
            }
            finally
            {
                SensitiveBytes.Clear(block);
            }
        }
    }
}
