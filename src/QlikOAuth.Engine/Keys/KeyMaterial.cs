using System;
using System.Security.Cryptography;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// A key as a parser found it, before policy: RSA or EC P-384 numbers, private or public, and from a JWK its
    /// "alg" and "kid". The readers turn it into a <see cref="SigningKey"/> or a <see cref="PublicJwk"/>. Dispose
    /// clears the private numbers; whoever made or read the material disposes it.
    /// </summary>
    internal sealed class KeyMaterial : IDisposable
    {
        private KeyMaterial(bool isRsa, RSAParameters rsa, ECParameters ec, bool hasPrivate)
        {
            IsRsa = isRsa;
            Rsa = rsa;
            Ec = ec;
            HasPrivate = hasPrivate;
        }

        public bool IsRsa { get; }

        /// <summary>Modulus and exponent, and with <see cref="HasPrivate"/> D, P, Q, DP, DQ, InverseQ.</summary>
        public RSAParameters Rsa { get; }

        /// <summary>P-384 with Q (48-byte coordinates), and with <see cref="HasPrivate"/> a 48-byte D.</summary>
        public ECParameters Ec { get; }

        public bool HasPrivate { get; }

        public string KeyType => IsRsa ? KeyPolicy.RsaKeyType : KeyPolicy.EcKeyType;

        public string? JwkAlg { get; set; }

        public string? JwkKid { get; set; }

        public static KeyMaterial ForRsa(RSAParameters rsa, bool hasPrivate) => new KeyMaterial(true, rsa, default, hasPrivate);

        public static KeyMaterial ForP384(byte[] x, byte[] y, byte[]? d) => new KeyMaterial(
            false,
            default,
            new ECParameters { Curve = ECCurve.NamedCurves.nistP384, Q = new ECPoint { X = x, Y = y }, D = d },
            d is not null);

        /// <summary>The public half; RSA's numbers without leading zeros, as platform imports and JWKs want them.</summary>
        public KeyMaterial PublicPart() => IsRsa
            ? ForRsa(new RSAParameters { Modulus = BigEndian.TrimLeadingZeros(Rsa.Modulus!), Exponent = BigEndian.TrimLeadingZeros(Rsa.Exponent!) }, hasPrivate: false)
            : ForP384(Ec.Q.X!, Ec.Q.Y!, null);

        /// <summary>A platform RSA or ECDsa object with these numbers, which the caller disposes.</summary>
        /// <exception cref="CryptographicException">The platform refuses the numbers (damaged, or a point off the curve).</exception>
        public AsymmetricAlgorithm CreatePlatformKey()
        {
            if (!IsRsa)
            {
                return ECDsa.Create(Ec);
            }

            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(Rsa);
                return rsa;
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        public void Dispose() => SensitiveBytes.Clear(Rsa.D, Rsa.P, Rsa.Q, Rsa.DP, Rsa.DQ, Rsa.InverseQ, Ec.D);
    }
}
