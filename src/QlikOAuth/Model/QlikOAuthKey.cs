using QlikOAuth.Engine.Keys;

namespace QlikOAuth
{
    /// <summary>
    /// A key pair from New-QlikOAuthKey: the private half is in <see cref="PrivateKeyPath"/>, the public half is
    /// <see cref="PublicKey"/> (a public JWK as compact JSON). Piped to New-QlikOAuthClient it binds -PublicKey,
    /// -KeyId and -PrivateKeyPath by property name.
    /// </summary>
    public sealed class QlikOAuthKey
    {
        internal QlikOAuthKey(SigningKey key, string privateKeyPath, bool encrypted)
        {
            KeyId = key.PublicJwk.Kid;
            Algorithm = key.Algorithm.ToString();
            KeySize = key.KeySize;
            Thumbprint = key.Thumbprint;
            PublicKey = key.PublicJwk.ToJson();
            PrivateKeyPath = privateKeyPath;
            Encrypted = encrypted;
        }

        public string KeyId { get; }

        /// <summary>RS256, RS512 or ES384.</summary>
        public string Algorithm { get; }

        /// <summary>Bits: the RSA modulus length, or 384 for EC P-384.</summary>
        public int KeySize { get; }

        /// <summary>RFC 7638 thumbprint of the public key.</summary>
        public string Thumbprint { get; }

        /// <summary>The public JWK to register with Qlik, as compact JSON.</summary>
        public string PublicKey { get; }

        public string PrivateKeyPath { get; }

        /// <summary>True when the private key file is password protected (encrypted PKCS#8).</summary>
        public bool Encrypted { get; }

        public override string ToString() => $"{Algorithm} key {KeyId} ({PrivateKeyPath})";
    }
}
