using System.Security.Cryptography;
using System.Text;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>The hand-written PBKDF2 against published vectors and .NET's own implementation.</summary>
    public sealed class Pbkdf2Tests
    {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, 64 bytes (two blocks, so block chaining is covered too).
        [Theory]
        [InlineData("passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")]
        [InlineData("Password", "NaCl", 80000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")]
        public void HmacSha256MatchesRfc7914(string password, string salt, int iterations, string expectedHex)
        {
            using var prf = new HMACSHA256(Encoding.ASCII.GetBytes(password));
            var derived = Pbkdf2.DeriveKey(prf, Encoding.ASCII.GetBytes(salt), iterations, 64, CancellationToken.None);
            Assert.Equal(expectedHex, Convert.ToHexStringLower(derived));
        }

        // RFC 6070: PBKDF2-HMAC-SHA1, the PRF PKCS#8 files default to.
        [Theory]
        [InlineData(1, "0c60c80f961f0e71f3a9b524af6012062fe037a6")]
        [InlineData(4096, "4b007901b765489abead49d926f721d065a429c1")]
        public void HmacSha1MatchesRfc6070(int iterations, string expectedHex)
        {
            using var prf = new HMACSHA1(Encoding.ASCII.GetBytes("password"));
            Assert.Equal(expectedHex, Convert.ToHexStringLower(Pbkdf2.DeriveKey(prf, Encoding.ASCII.GetBytes("salt"), iterations, 20, CancellationToken.None)));
        }

        // Odd lengths and a password longer than the HMAC block (which HMAC hashes first) against .NET 10.
        [Theory]
        [InlineData(32, 1000)]
        [InlineData(45, 3)]
        public void MatchesDotNetForOtherLengths(int length, int iterations)
        {
            var password = Encoding.UTF8.GetBytes(new string('p', 100) + "ü");
            var salt = RandomNumberGenerator.GetBytes(16);
            using var prf = new HMACSHA512(password);
            Assert.Equal(
                Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, length),
                Pbkdf2.DeriveKey(prf, salt, iterations, length, CancellationToken.None));
        }
    
        // Cancelled from outside after the PRF's 3,000th call (as Ctrl+C would be, from another thread): the loop
        // notices within one check interval, however many iterations remain. Counting calls keeps it deterministic.
        [Fact]
        public void CancellationStopsTheLoopWithinOneCheckInterval()
        {
            using var cancel = new CancellationTokenSource();
            using var prf = new CountingHmac(Encoding.ASCII.GetBytes("password"), after: 3_000, cancel);

            Assert.Throws<OperationCanceledException>(() => Pbkdf2.DeriveKey(prf, Encoding.ASCII.GetBytes("salt"), 5_000_000, 32, cancel.Token));
            Assert.InRange(prf.Calls, 3_000, 3_000 + Pbkdf2.CancellationCheckInterval);
        }

        /// <summary>HMAC-SHA256 that counts its hashes and cancels a token after a given number.</summary>
        private sealed class CountingHmac(byte[] key, int after, CancellationTokenSource cancel) : HMACSHA256(key)
        {
            public int Calls { get; private set; }

            protected override byte[] HashFinal()
            {
                if (++Calls == after)
                {
                    cancel.Cancel();
                }

                return base.HashFinal();
            }
        }
    }
}
