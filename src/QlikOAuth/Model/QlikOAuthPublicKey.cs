using QlikOAuth.Engine.Keys;

namespace QlikOAuth
{
    /// <summary>
    /// One public key registered on a client, as the client object lists it. Piped to New- or Set-QlikOAuthClient
    /// (through the client's PublicKeys) it registers the same key again; piped to Remove-QlikOAuthClientKey it removes
    /// this key from its client.
    /// </summary>
    public sealed class QlikOAuthPublicKey
    {
        internal QlikOAuthPublicKey(string clientId, PublicJwk key, QlikSession? session = null, string? privateKeyPath = null)
        {
            ClientId = clientId;
            Session = session is null ? null : new QlikSessionReference(session);
            PrivateKeyPath = privateKeyPath;
            KeyId = key.Kid;
            KeyType = key.Kty;
            Algorithm = key.Alg;
            KeySize = key.KeySize;
            Thumbprint = key.Thumbprint;
            Jwk = key.ToJson();
        }

        /// <summary>The client the key is registered on.</summary>
        public string ClientId { get; }

        /// <summary>The kid a client assertion names in its header.</summary>
        public string KeyId { get; }

        /// <summary>RSA or EC.</summary>
        public string KeyType { get; }

        /// <summary>RS256, RS512 or ES384.</summary>
        public string Algorithm { get; }

        /// <summary>Bits: the RSA modulus length, or 384 for EC P-384.</summary>
        public int KeySize { get; }

        /// <summary>RFC 7638 thumbprint of the public key.</summary>
        public string Thumbprint { get; }

        /// <summary>The public JWK as compact JSON (never a private member).</summary>
        public string Jwk { get; }

        /// <summary>Where the private half is, when this module was given it (Add- and Update-QlikOAuthClientKey): with ClientId and KeyId it binds to the token cmdlets.</summary>
        public string? PrivateKeyPath { get; }

        /// <summary>The tenant of the client; binds to -Session of the next cmdlet.</summary>
        public QlikSessionReference? Session { get; }

        public override string ToString() => $"{Algorithm} key {KeyId}";
    }
}
