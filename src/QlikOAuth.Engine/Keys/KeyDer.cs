using System;
using System.Security.Cryptography;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// The DER key structures: PKCS#8 PrivateKeyInfo (RFC 5208/5958), PKCS#1 RSAPrivateKey and RSAPublicKey
    /// (RFC 8017 appendix A.1), SEC1 ECPrivateKey (RFC 5915), and SubjectPublicKeyInfo (RFC 5280, RFC 5480).
    /// Only RSA and EC P-384 are accepted; anything else is refused with its name.
    /// </summary>
    internal static class KeyDer
    {
        private const int P384PointLength = 1 + (2 * KeyPolicy.P384CoordinateLength);

        public static KeyMaterial ReadPrivateKeyInfo(byte[] der, string? path) => Parse(der, path, "PKCS#8 private key", top =>
        {
            var info = top.ReadSequence();
            var version = info.ReadInt32();
            if (version > 1)
            {
                throw new DerFormatException("unknown PrivateKeyInfo version");
            }

            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadOid();
            var privateKey = info.ReadOctetStringContent();
            switch (oid)
            {
                case Oids.RsaEncryption:
                    var rsa = ReadRsaPrivateKey(privateKey, path);
                    privateKey.ThrowIfNotEnd();
                    return rsa;
                case Oids.EcPublicKey:
                    var ec = ReadEcPrivateKey(privateKey, ReadCurve(algorithm, path), path);
                    privateKey.ThrowIfNotEnd();
                    return ec;
                default:
                    throw UnsupportedType(oid, path);
            }
        });

        /// <summary>PKCS#1 "RSA PRIVATE KEY".</summary>
        public static KeyMaterial ReadRsaPrivateKey(byte[] der, string? path) =>
            Parse(der, path, "PKCS#1 RSA private key", top => ReadRsaPrivateKey(top, path));

        /// <summary>SEC1 "EC PRIVATE KEY": the curve comes from the key's own parameters.</summary>
        public static KeyMaterial ReadEcPrivateKey(byte[] der, string? path) =>
            Parse(der, path, "SEC1 EC private key", top => ReadEcPrivateKey(top, null, path));

        /// <summary>"PUBLIC KEY": SubjectPublicKeyInfo of an RSA or EC key.</summary>
        public static KeyMaterial ReadSubjectPublicKeyInfo(byte[] der, string? path) => Parse(der, path, "public key", top =>
        {
            var info = top.ReadSequence();
            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadOid();
            var publicKey = info.ReadBitString();
            info.ThrowIfNotEnd();
            switch (oid)
            {
                case Oids.RsaEncryption:
                    var reader = new DerReader(publicKey);
                    var rsa = ReadRsaPublicKey(reader);
                    reader.ThrowIfNotEnd();
                    return rsa;
                case Oids.EcPublicKey:
                    ReadCurve(algorithm, path);
                    var (x, y) = ReadPoint(publicKey, path);
                    return KeyMaterial.ForP384(x, y, null);
                default:
                    throw UnsupportedType(oid, path);
            }
        });

        /// <summary>PKCS#1 "RSA PUBLIC KEY".</summary>
        public static KeyMaterial ReadRsaPublicKey(byte[] der, string? path) =>
            Parse(der, path, "PKCS#1 RSA public key", ReadRsaPublicKey);

        /// <summary>PKCS#8 PrivateKeyInfo DER of the key; the caller clears the result.</summary>
        public static byte[] WritePrivateKeyInfo(SigningKey key)
        {
            if (key.IsRsa)
            {
                var p = key.RsaParameters;
                return DerWriter.Sequence(
                    DerWriter.Integer(0),
                    DerWriter.Sequence(DerWriter.Oid(Oids.RsaEncryption), DerWriter.Null()),
                    DerWriter.OctetString(DerWriter.Sequence(
                        DerWriter.Integer(0),
                        DerWriter.UnsignedInteger(p.Modulus!),
                        DerWriter.UnsignedInteger(p.Exponent!),
                        DerWriter.UnsignedInteger(p.D!),
                        DerWriter.UnsignedInteger(p.P!),
                        DerWriter.UnsignedInteger(p.Q!),
                        DerWriter.UnsignedInteger(p.DP!),
                        DerWriter.UnsignedInteger(p.DQ!),
                        DerWriter.UnsignedInteger(p.InverseQ!)))).Encode();
            }

            var ec = key.EcParameters;
            var point = new byte[P384PointLength];
            point[0] = 0x04; // uncompressed
            Buffer.BlockCopy(ec.Q.X!, 0, point, 1, KeyPolicy.P384CoordinateLength);
            Buffer.BlockCopy(ec.Q.Y!, 0, point, 1 + KeyPolicy.P384CoordinateLength, KeyPolicy.P384CoordinateLength);
            return DerWriter.Sequence(
                DerWriter.Integer(0),
                DerWriter.Sequence(DerWriter.Oid(Oids.EcPublicKey), DerWriter.Oid(Oids.Secp384r1)),
                DerWriter.OctetString(DerWriter.Sequence(
                    DerWriter.Integer(1),
                    DerWriter.OctetString(ec.D!),
                    DerWriter.Explicit(1, DerWriter.BitString(point))))).Encode();
        }

        private static KeyMaterial ReadRsaPrivateKey(DerReader outer, string? path)
        {
            var key = outer.ReadSequence();
            if (key.ReadInt32() != 0)
            {
                // Version 1 means more than two primes (RFC 8017 A.1.2), which neither .NET nor Qlik's verifier expects.
                throw KeyErrors.Unreadable("it is a multi-prime RSA key, which is not supported. Generate an ordinary two-prime RSA key.", path);
            }

            var parameters = new RSAParameters
            {
                Modulus = key.ReadUnsignedInteger(),
                Exponent = key.ReadUnsignedInteger(),
                D = key.ReadUnsignedInteger(),
                P = key.ReadUnsignedInteger(),
                Q = key.ReadUnsignedInteger(),
                DP = key.ReadUnsignedInteger(),
                DQ = key.ReadUnsignedInteger(),
                InverseQ = key.ReadUnsignedInteger(),
            };
            key.ThrowIfNotEnd();
            return KeyMaterial.ForRsa(parameters, hasPrivate: true);
        }

        private static KeyMaterial ReadRsaPublicKey(DerReader outer)
        {
            var key = outer.ReadSequence();
            var parameters = new RSAParameters { Modulus = key.ReadUnsignedInteger(), Exponent = key.ReadUnsignedInteger() };
            key.ThrowIfNotEnd();
            return KeyMaterial.ForRsa(parameters, hasPrivate: false);
        }

        /// <param name="curveOid">The curve named by PKCS#8's AlgorithmIdentifier, or null for a standalone SEC1 key.</param>
        private static KeyMaterial ReadEcPrivateKey(DerReader outer, string? curveOid, string? path)
        {
            var key = outer.ReadSequence();
            if (key.ReadInt32() != 1)
            {
                throw new DerFormatException("unknown ECPrivateKey version");
            }

            var d = key.ReadOctetString();
            try
            {
                if (key.HasData && key.PeekTag() == DerReader.ContextTag(0))
                {
                    var ownCurve = ReadCurve(key.ReadExplicit(0), path);
                    if (curveOid is not null && ownCurve != curveOid)
                    {
                        throw new DerFormatException("conflicting curves");
                    }
                }
                else if (curveOid is null)
                {
                    throw KeyErrors.Unreadable("the EC private key does not name its curve. Export it with OpenSSL: openssl pkey -in key.pem -out key-pkcs8.pem.", path);
                }

                byte[] x, y;
                if (key.HasData && key.PeekTag() == DerReader.ContextTag(1))
                {
                    (x, y) = ReadPoint(key.ReadExplicit(1).ReadBitString(), path);
                }
                else
                {
                    (x, y) = DerivePublicPoint(d, path);
                }

                key.ThrowIfNotEnd();
                return KeyMaterial.ForP384(x, y, PadScalar(d, path));
            }
            finally
            {
                Array.Clear(d, 0, d.Length);
            }
        }

        /// <summary>The named curve of an id-ecPublicKey AlgorithmIdentifier or of SEC1's [0]; only P-384 passes.</summary>
        private static string ReadCurve(DerReader parameters, string? path)
        {
            if (!parameters.HasData || parameters.PeekTag() != DerReader.ObjectIdentifier)
            {
                // Explicit curve parameters (a SEQUENCE) or none at all: OpenSSL writes these only when asked to.
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedCurve,
                    "The EC key does not use a named curve. Qlik Cloud takes P-384 keys with the curve named: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384.",
                    path);
            }

            var oid = parameters.ReadOid();
            if (oid != Oids.Secp384r1)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedCurve,
                    $"The EC key is on {Oids.CurveName(oid)}; Qlik Cloud accepts EC keys on P-384 only (ES384). Generate a P-384 key, or use RSA.",
                    path);
            }

            return oid;
        }

        private static (byte[] X, byte[] Y) ReadPoint(byte[] point, string? path)
        {
            if (point.Length != P384PointLength || point[0] != 0x04)
            {
                throw KeyErrors.Unreadable("its EC public point is not an uncompressed P-384 point. Export the key with OpenSSL: openssl pkey -pubout.", path);
            }

            var x = new byte[KeyPolicy.P384CoordinateLength];
            var y = new byte[KeyPolicy.P384CoordinateLength];
            Buffer.BlockCopy(point, 1, x, 0, x.Length);
            Buffer.BlockCopy(point, 1 + x.Length, y, 0, y.Length);
            return (x, y);
        }

        /// <summary>
        /// SEC1 makes the public key optional. .NET Core and .NET 5+ compute it from D; where the platform cannot
        /// (older .NET Framework), say how to get a file that has it.
        /// </summary>
        private static (byte[] X, byte[] Y) DerivePublicPoint(byte[] d, string? path)
        {
            var scalar = PadScalar(d, path);
            try
            {
                using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP384, D = scalar });
                var derived = ecdsa.ExportParameters(false);
                return (derived.Q.X!, derived.Q.Y!);
            }
            catch (Exception ex) when (ex is CryptographicException || ex is PlatformNotSupportedException || ex is ArgumentException)
            {
                throw KeyErrors.Unreadable("the EC private key does not include its public key, and this platform cannot derive it. Export it with OpenSSL: openssl pkey -in key.pem -out key-full.pem.", path);
            }
            finally
            {
                Array.Clear(scalar, 0, scalar.Length);
            }
        }

        /// <summary>A P-384 private scalar as exactly 48 bytes (some writers drop leading zeros).</summary>
        internal static byte[] PadScalar(byte[] d, string? path)
        {
            var skip = 0;
            while (d.Length - skip > KeyPolicy.P384CoordinateLength && d[skip] == 0)
            {
                skip++;
            }

            if (d.Length - skip > KeyPolicy.P384CoordinateLength || d.Length == 0)
            {
                throw KeyErrors.Unreadable("its EC private value is not a P-384 scalar. Export the key again.", path);
            }

            var result = new byte[KeyPolicy.P384CoordinateLength];
            Buffer.BlockCopy(d, skip, result, result.Length - (d.Length - skip), d.Length - skip);
            return result;
        }

        private static KeyMaterial Parse(byte[] der, string? path, string what, Func<DerReader, KeyMaterial> read)
        {
            try
            {
                var top = new DerReader(der);
                var material = read(top);
                top.ThrowIfNotEnd();
                return material;
            }
            catch (DerFormatException)
            {
                throw KeyErrors.Unreadable($"it is not a valid {what}. Export the key again, as PEM.", path);
            }
        }

        private static Errors.QlikOAuthException UnsupportedType(string oid, string? path) => KeyErrors.Invalid(
            KeyErrors.UnsupportedKeyType,
            oid == Oids.RsaPss
                ? "The key is an RSA-PSS key; Qlik Cloud's RS256/RS512 need an ordinary RSA key (rsaEncryption). Generate one: openssl genpkey -algorithm RSA."
                : $"The key's type (algorithm {oid}) is not supported; Qlik Cloud takes RSA keys (RS256, RS512) or EC P-384 keys (ES384).",
            path);
    }
}
