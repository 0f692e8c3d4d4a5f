using System;
using System.Security;
using System.Threading;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Reads a private key for signing: PEM "PRIVATE KEY" (PKCS#8, RSA or EC), "ENCRYPTED PRIVATE KEY" (PKCS#8 with
    /// PBES2), "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1), or a private JWK. Only keys Qlik Cloud accepts
    /// pass: RSA of 2048 bits or more, EC on P-384.
    /// </summary>
    public static class PrivateKeyReader
    {
        /// <param name="password">For an encrypted PEM; ignored for unencrypted keys.</param>
        /// <param name="keyId">The kid; else the JWK's kid; else none (set one before building assertions).</param>
        /// <param name="algorithm">Else the JWK's alg; else RS256 for RSA and ES384 for EC.</param>
        /// <param name="cancellationToken">Stops decrypting an encrypted key, whose PBKDF2 may run for seconds (Ctrl+C).</param>
        public static SigningKey Read(string text, SecureString? password = null, string? keyId = null, SigningAlgorithm? algorithm = null, CancellationToken cancellationToken = default) =>
            Read(text ?? throw new ArgumentNullException(nameof(text)), password, keyId, algorithm, null, cancellationToken);

        /// <inheritdoc cref="Read(string, SecureString?, string?, SigningAlgorithm?, CancellationToken)"/>
        public static SigningKey ReadFile(string path, SecureString? password = null, string? keyId = null, SigningAlgorithm? algorithm = null, CancellationToken cancellationToken = default) =>
            Read(KeyFile.ReadPrivateText(path), password, keyId, algorithm, path, cancellationToken);

        private static SigningKey Read(string text, SecureString? password, string? keyId, SigningAlgorithm? algorithm, string? path, CancellationToken cancellationToken)
        {
            if (keyId is not null)
            {
                KeyPolicy.CheckKeyId(keyId, path);
            }

            using var material = Parse(text, password, path, cancellationToken);
            var resolved = KeyPolicy.ResolveAlgorithm(material.KeyType, algorithm, material.JwkAlg, path);
            var kid = keyId ?? (material.JwkKid is null ? null : KeyPolicy.CheckKeyId(material.JwkKid, path));
            return SigningKey.FromMaterial(material, resolved, kid, path);
        }

        private static KeyMaterial Parse(string text, SecureString? password, string? path, CancellationToken cancellationToken)
        {
            if (Jwk.LooksLikeJson(text))
            {
                return Jwk.ToMaterial(Jwk.ParseJson(text, path), expectPrivate: true, path);
            }

            var sawPublicKey = false;
            foreach (var block in Pem.Parse(text))
            {
                switch (block.Label)
                {
                    case "PRIVATE KEY":
                        return WithDer(block, path, der => KeyDer.ReadPrivateKeyInfo(der, path));
                    case "ENCRYPTED PRIVATE KEY":
                        return WithDer(block, path, der => Decrypt(der, password, path, cancellationToken));
                    case "RSA PRIVATE KEY":
                        RefuseLegacyEncryption(block, path);
                        return WithDer(block, path, der => KeyDer.ReadRsaPrivateKey(der, path));
                    case "EC PRIVATE KEY":
                        RefuseLegacyEncryption(block, path);
                        return WithDer(block, path, der => KeyDer.ReadEcPrivateKey(der, path));
                    case "OPENSSH PRIVATE KEY":
                        throw KeyErrors.Unreadable("it is in OpenSSH's own format. Convert a copy to PKCS#8 PEM: ssh-keygen -p -m PKCS8 -f <copy of the key file>.", path);
                    case "PUBLIC KEY":
                    case "RSA PUBLIC KEY":
                    case "CERTIFICATE":
                        sawPublicKey = true;
                        break;
                }
            }

            if (sawPublicKey)
            {
                throw Jwk.PublicGivenAsPrivate(path);
            }

            throw KeyErrors.Unreadable(
                "it holds no private key this module reads: expected PEM (\"-----BEGIN PRIVATE KEY-----\", \"ENCRYPTED PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\") or a private JWK (JSON). A binary DER file can be converted: openssl pkey -inform DER -in key.der -out key.pem.",
                path);
        }

        private static KeyMaterial Decrypt(byte[] encrypted, SecureString? password, string? path, CancellationToken cancellationToken)
        {
            if (password is null)
            {
                throw KeyErrors.Invalid(KeyErrors.KeyPasswordRequired, "The private key is encrypted. Give its password.", path);
            }

            var plaintext = Pbes2.Decrypt(encrypted, password, path, cancellationToken);
            try
            {
                return KeyDer.ReadPrivateKeyInfo(plaintext, path);
            }
            finally
            {
                SensitiveBytes.Clear(plaintext);
            }
        }

        /// <summary>Decodes a block's DER, hands it to a parser and clears it afterwards.</summary>
        private static KeyMaterial WithDer(PemBlock block, string? path, Func<byte[], KeyMaterial> parse)
        {
            var der = block.Decode() ?? throw KeyErrors.Unreadable($"the PEM block \"{block.Label}\" is not valid base64. Check that the file was copied completely.", path);
            try
            {
                return parse(der);
            }
            finally
            {
                SensitiveBytes.Clear(der);
            }
        }

        /// <summary>OpenSSL 1.x's "Proc-Type: 4,ENCRYPTED" PEM uses an MD5-based key derivation: not supported.</summary>
        private static void RefuseLegacyEncryption(PemBlock block, string? path)
        {
            if (block.HasHeaders)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedKeyEncryption,
                    "The private key uses OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED). Convert it to encrypted PKCS#8: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-pkcs8.pem.",
                    path);
            }
        }
    }
}
