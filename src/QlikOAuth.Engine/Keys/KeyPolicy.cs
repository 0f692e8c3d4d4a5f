using System.Globalization;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>What Qlik accepts in publicKeys, checked the same way for generated, read and registered keys.</summary>
    internal static class KeyPolicy
    {
        public const int MinimumRsaBits = 2048;

        /// <summary>Beyond this RSA gets slow for no gain, and some platforms refuse such keys anyway.</summary>
        public const int MaximumRsaBits = 16384;

        public const int P384CoordinateLength = 48;

        public const string RsaKeyType = "RSA";
        public const string EcKeyType = "EC";
        public const string P384 = "P-384";

        public static void CheckRsaBits(int bits, string? path)
        {
            if (bits < MinimumRsaBits)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.KeyTooSmall,
                    $"The RSA key has {bits} bits; Qlik Cloud requires at least {MinimumRsaBits}. Generate a new key of 2048, 3072 or 4096 bits (or: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072).",
                    path);
            }

            if (bits > MaximumRsaBits)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedKeySize,
                    $"The RSA key has {bits} bits; at most {MaximumRsaBits} are supported. Use a 2048, 3072 or 4096-bit key.",
                    path);
            }
        }

        /// <summary>The explicit algorithm, else the JWK's "alg", else the key type's default; it must fit the key.</summary>
        public static SigningAlgorithm ResolveAlgorithm(string keyType, SigningAlgorithm? requested, string? jwkAlg, string? path)
        {
            SigningAlgorithm algorithm;
            if (requested.HasValue)
            {
                algorithm = requested.Value;
                if (!SigningAlgorithms.IsDefined(algorithm))
                {
                    throw UnsupportedAlgorithm(((int)algorithm).ToString(CultureInfo.InvariantCulture), path);
                }
            }
            else if (jwkAlg is not null)
            {
                algorithm = SigningAlgorithms.FromJwsName(jwkAlg) ?? throw UnsupportedAlgorithm(jwkAlg, path);
            }
            else
            {
                algorithm = keyType == RsaKeyType ? SigningAlgorithm.RS256 : SigningAlgorithm.ES384;
            }

            if (algorithm.IsRsa() != (keyType == RsaKeyType))
            {
                var fits = keyType == RsaKeyType ? "RS256 or RS512" : "ES384";
                throw KeyErrors.Invalid(
                    KeyErrors.AlgorithmKeyMismatch,
                    $"The algorithm {algorithm.JwsName()} does not fit an {keyType} key; use {fits}, or a key of the other type.",
                    path);
            }

            return algorithm;
        }

        /// <summary>A kid is sent in every assertion header and stored by Qlik: printable, not blank.</summary>
        public static string CheckKeyId(string keyId, string? path)
        {
            var printable = keyId.Trim().Length > 0;
            foreach (var c in keyId)
            {
                printable &= !char.IsControl(c);
            }

            if (!printable || keyId.Length > 256)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.InvalidKeyId,
                    "The key id (kid) must be 1 to 256 printable characters, not only spaces. Give another key id.",
                    path);
            }

            return keyId;
        }

        private static Errors.QlikOAuthException UnsupportedAlgorithm(string name, string? path) => KeyErrors.Invalid(
            KeyErrors.UnsupportedAlgorithm,
            $"The algorithm {KeyErrors.Describe(name)} is not one Qlik Cloud accepts for private key JWT; use RS256, RS512 or ES384.",
            path);
    }
}
