using System;
using System.Formats.Asn1;
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
        private const string RsaEncryption = "1.2.840.113549.1.1.1"; // PKCS#1
        private const string RsaPss = "1.2.840.113549.1.1.10";       // RSASSA-PSS keys: refused with a clear message
        private const string EcPublicKey = "1.2.840.10045.2.1";      // RFC 5480
        private const string Secp384r1 = "1.3.132.0.34";
        private const int P384PointLength = 1 + (2 * KeyPolicy.P384CoordinateLength);

        private static readonly Asn1Tag Explicit0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        private static readonly Asn1Tag Explicit1 = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);

        public static KeyMaterial ReadPrivateKeyInfo(byte[] der, string? path) => Parse(der, path, "PKCS#8 private key", top =>
        {
            var info = top.ReadSequence();
            if (!info.TryReadInt32(out var version) || version < 0 || version > 1)
            {
                throw new AsnContentException("unknown PrivateKeyInfo version");
            }

            var algorithm = info.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var privateKey = new AsnReader(ReadOctetStringInPlace(info), AsnEncodingRules.DER);
            var material = oid switch
            {
                RsaEncryption => ReadRsaPrivateKey(privateKey, path),
                EcPublicKey => ReadEcPrivateKey(privateKey, ReadCurve(algorithm, path), path),
                _ => throw UnsupportedType(oid, path),
            };
            privateKey.ThrowIfNotEmpty();
            return material;
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
            var oid = algorithm.ReadObjectIdentifier();
            var publicKey = ReadWholeBytes(info);
            info.ThrowIfNotEmpty();
            switch (oid)
            {
                case RsaEncryption:
                    var reader = new AsnReader(publicKey, AsnEncodingRules.DER);
                    var rsa = ReadRsaPublicKey(reader);
                    reader.ThrowIfNotEmpty();
                    return rsa;
                case EcPublicKey:
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
            var material = key.Exportable;
            var writer = new AsnWriter(AsnEncodingRules.DER);
            try
            {
                writer.PushSequence();                // PrivateKeyInfo
                writer.WriteInteger(0);
                WriteAlgorithm(writer, material.IsRsa ? RsaEncryption : EcPublicKey, material.IsRsa ? null : Secp384r1);
                writer.PushOctetString();             //   privateKey
                writer.PushSequence();                //     RSAPrivateKey (RFC 8017) or ECPrivateKey (RFC 5915)
                if (material.IsRsa)
                {
                    var p = material.Rsa;
                    writer.WriteInteger(0);
                    foreach (var number in new[] { p.Modulus!, p.Exponent!, p.D!, p.P!, p.Q!, p.DP!, p.DQ!, p.InverseQ! })
                    {
                        // Leading zeros are not DER (.NET pads D and the CRT values): skip them in place, without a copy.
                        writer.WriteIntegerUnsigned(number.AsSpan(BigEndian.LeadingZeros(number)));
                    }
                }
                else
                {
                    var ec = material.Ec;
                    writer.WriteInteger(1);
                    writer.WriteOctetString(ec.D);
                    writer.PushSequence(Explicit1);
                    writer.WriteBitString(UncompressedPoint(ec.Q));
                    writer.PopSequence(Explicit1);
                }

                writer.PopSequence();
                writer.PopOctetString();
                writer.PopSequence();
                return writer.Encode();
            }
            finally
            {
                // Reset zeroes the writer's pooled buffer, which held the private numbers.
                writer.Reset();
            }
        }

        /// <summary>An AlgorithmIdentifier: the OID, then a curve OID or (for RSA, RFC 8017 A.1) NULL.</summary>
        internal static void WriteAlgorithm(AsnWriter writer, string oid, string? parameterOid)
        {
            writer.PushSequence();
            writer.WriteObjectIdentifier(oid);
            if (parameterOid is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.WriteObjectIdentifier(parameterOid);
            }

            writer.PopSequence();
        }

        private static byte[] UncompressedPoint(ECPoint q)
        {
            var point = new byte[P384PointLength];
            point[0] = 0x04;
            q.X!.CopyTo(point, 1);
            q.Y!.CopyTo(point, 1 + KeyPolicy.P384CoordinateLength);
            return point;
        }

        private static KeyMaterial ReadRsaPrivateKey(AsnReader outer, string? path)
        {
            var key = outer.ReadSequence();
            if (!key.TryReadInt32(out var version) || version != 0)
            {
                // Version 1 means more than two primes (RFC 8017 A.1.2), which neither .NET nor Qlik's verifier expects.
                throw KeyErrors.Unreadable("it is a multi-prime RSA key, which is not supported. Generate an ordinary two-prime RSA key.", path);
            }

            var parameters = new RSAParameters
            {
                Modulus = ReadUnsignedInteger(key),
                Exponent = ReadUnsignedInteger(key),
                D = ReadUnsignedInteger(key),
                P = ReadUnsignedInteger(key),
                Q = ReadUnsignedInteger(key),
                DP = ReadUnsignedInteger(key),
                DQ = ReadUnsignedInteger(key),
                InverseQ = ReadUnsignedInteger(key),
            };
            key.ThrowIfNotEmpty();
            return KeyMaterial.ForRsa(parameters, hasPrivate: true);
        }

        private static KeyMaterial ReadRsaPublicKey(AsnReader outer)
        {
            var key = outer.ReadSequence();
            var parameters = new RSAParameters { Modulus = ReadUnsignedInteger(key), Exponent = ReadUnsignedInteger(key) };
            key.ThrowIfNotEmpty();
            return KeyMaterial.ForRsa(parameters, hasPrivate: false);
        }

        /// <param name="curveOid">The curve named by PKCS#8's AlgorithmIdentifier, or null for a standalone SEC1 key.</param>
        private static KeyMaterial ReadEcPrivateKey(AsnReader outer, string? curveOid, string? path)
        {
            var key = outer.ReadSequence();
            if (!key.TryReadInt32(out var version) || version != 1)
            {
                throw new AsnContentException("unknown ECPrivateKey version");
            }

            var d = key.ReadOctetString();
            try
            {
                if (key.HasData && key.PeekTag().HasSameClassAndValue(Explicit0))
                {
                    var ownCurve = ReadCurve(key.ReadSequence(Explicit0), path);
                    if (curveOid is not null && ownCurve != curveOid)
                    {
                        throw new AsnContentException("conflicting curves");
                    }
                }
                else if (curveOid is null)
                {
                    throw KeyErrors.Unreadable("the EC private key does not name its curve. Export it with OpenSSL: openssl pkey -in key.pem -out key-pkcs8.pem.", path);
                }

                var (x, y) = key.HasData && key.PeekTag().HasSameClassAndValue(Explicit1)
                    ? ReadPoint(ReadWholeBytes(key.ReadSequence(Explicit1)), path)
                    : DerivePublicPoint(d, path);
                key.ThrowIfNotEmpty();
                return KeyMaterial.ForP384(x, y, PadScalar(d, path));
            }
            finally
            {
                SensitiveBytes.Clear(d);
            }
        }

        /// <summary>The named curve of an id-ecPublicKey AlgorithmIdentifier or of SEC1's [0]; only P-384 passes.</summary>
        private static string ReadCurve(AsnReader parameters, string? path)
        {
            if (!parameters.HasData || !parameters.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                // Explicit curve parameters (a SEQUENCE) or none at all: OpenSSL writes these only when asked to.
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedCurve,
                    "The EC key does not use a named curve. Qlik Cloud takes P-384 keys with the curve named: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384.",
                    path);
            }

            var oid = parameters.ReadObjectIdentifier();
            if (oid != Secp384r1)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedCurve,
                    $"The EC key is on {CurveName(oid)}; Qlik Cloud accepts EC keys on P-384 only (ES384). Generate a P-384 key, or use RSA.",
                    path);
            }

            return oid;
        }

        /// <summary>A curve's common name for messages (a Qlik admin knows "P-256", not an OID).</summary>
        private static string CurveName(string oid) => oid switch
        {
            "1.2.840.10045.3.1.7" => "P-256",
            "1.3.132.0.35" => "P-521",
            _ => "the curve " + oid,
        };

        private static (byte[] X, byte[] Y) ReadPoint(byte[] point, string? path)
        {
            if (point.Length != P384PointLength || point[0] != 0x04)
            {
                throw KeyErrors.Unreadable("its EC public point is not an uncompressed P-384 point. Export the key with OpenSSL: openssl pkey -pubout.", path);
            }

            return (point.AsSpan(1, KeyPolicy.P384CoordinateLength).ToArray(), point.AsSpan(1 + KeyPolicy.P384CoordinateLength).ToArray());
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
                SensitiveBytes.Clear(scalar);
            }
        }

        /// <summary>A P-384 private scalar as exactly 48 bytes (some writers drop leading zeros).</summary>
        internal static byte[] PadScalar(byte[] d, string? path) =>
            BigEndian.PadTo(d, KeyPolicy.P384CoordinateLength)
            ?? throw KeyErrors.Unreadable("its EC private value is not a P-384 scalar. Export the key again.", path);

        /// <summary>A positive INTEGER as unsigned big-endian bytes without leading zeros (zero gives one 0 byte).</summary>
        private static byte[] ReadUnsignedInteger(AsnReader reader)
        {
            var value = reader.ReadIntegerBytes().Span;
            if ((value[0] & 0x80) != 0)
            {
                throw new AsnContentException("negative integer");
            }

            return value.Slice(BigEndian.LeadingZeros(value)).ToArray();
        }

        /// <summary>A BIT STRING of whole bytes (keys never have unused bits).</summary>
        private static byte[] ReadWholeBytes(AsnReader reader)
        {
            var value = reader.ReadBitString(out var unusedBits);
            return unusedBits == 0 ? value : throw new AsnContentException("bit string with unused bits");
        }

        /// <summary>An OCTET STRING's content as a slice of the caller's buffer, so private key bytes are not copied.</summary>
        private static ReadOnlyMemory<byte> ReadOctetStringInPlace(AsnReader reader) =>
            reader.TryReadPrimitiveOctetString(out var content) ? content : throw new AsnContentException("constructed octet string");

        private static KeyMaterial Parse(byte[] der, string? path, string what, Func<AsnReader, KeyMaterial> read)
        {
            try
            {
                var top = new AsnReader(der, AsnEncodingRules.DER);
                var material = read(top);
                top.ThrowIfNotEmpty();
                return material;
            }
            catch (AsnContentException)
            {
                throw KeyErrors.Unreadable($"it is not a valid {what}. Export the key again, as PEM.", path);
            }
        }

        private static Errors.QlikOAuthException UnsupportedType(string oid, string? path) => KeyErrors.Invalid(
            KeyErrors.UnsupportedKeyType,
            oid == RsaPss
                ? "The key is an RSA-PSS key; Qlik Cloud's RS256/RS512 need an ordinary RSA key (rsaEncryption). Generate one: openssl genpkey -algorithm RSA."
                : $"The key's type (algorithm {oid}) is not supported; Qlik Cloud takes RSA keys (RS256, RS512) or EC P-384 keys (ES384).",
            path);
    }
}
