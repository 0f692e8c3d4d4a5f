using System;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// A private key ready to sign client assertions: RSA (RS256/RS512, 2048 bits or more) or EC P-384 (ES384).
    /// Signing always goes through a platform RSA/ECDsa object. A key this module read or generated also keeps its
    /// parameters (for writing it out); a certificate's key stays in the certificate's own object, which may be
    /// non-exportable, and has none. Dispose clears the parameters and disposes the objects.
    /// </summary>
    public sealed class SigningKey : IDisposable
    {
        private readonly KeyMaterial? _exportable;
        private readonly AsymmetricAlgorithm _algorithm;
        private readonly IDisposable? _keyOwner;
        private SecurityKey? _securityKey;
        private bool _disposed;

        private SigningKey(SigningAlgorithm algorithm, string? keyId, PublicJwk publicJwk, AsymmetricAlgorithm platformKey, KeyMaterial? exportable, IDisposable? keyOwner)
        {
            _keyOwner = keyOwner;
            Algorithm = algorithm;
            KeyId = keyId;
            PublicJwk = publicJwk;
            _algorithm = platformKey;
            _exportable = exportable;
        }

        public SigningAlgorithm Algorithm { get; }

        /// <summary>The kid sent in assertion headers; null until one is given (the assertion builder then refuses).</summary>
        public string? KeyId { get; }

        /// <summary>Bits: the RSA modulus length, or 384.</summary>
        public int KeySize => PublicJwk.KeySize;

        /// <summary>The public half to register with Qlik; its kid is <see cref="KeyId"/>, or the thumbprint when that is null.</summary>
        public PublicJwk PublicJwk { get; }

        /// <summary>RFC 7638 thumbprint of the public key.</summary>
        public string Thumbprint => PublicJwk.Thumbprint;

        internal bool IsRsa => Algorithm.IsRsa();

        /// <summary>The same key under another kid, as a separate object the caller disposes too.</summary>
        public SigningKey WithKeyId(string keyId)
        {
            ThrowIfDisposed();
            KeyPolicy.CheckKeyId(keyId ?? throw new ArgumentNullException(nameof(keyId)), null);
            return FromMaterial(Exportable, Algorithm, keyId, null);
        }

        public override string ToString() =>
            $"{Algorithm} {(IsRsa ? "RSA" : "EC P-384")} {KeySize} bits, kid={KeyId ?? "(none)"}, thumbprint={Thumbprint}";

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            lock (_algorithm)
            {
                _disposed = true;
                _securityKey = null;
                _algorithm.Dispose();
                _keyOwner?.Dispose();
            }

            _exportable?.Dispose();
        }

        /// <summary>
        /// A key from private numbers, which stay the caller's to dispose: the key keeps normalized copies, after checking
        /// that the numbers form one working key pair. RSA's private numbers get the fixed lengths .NET Framework's
        /// RSACryptoServiceProvider insists on.
        /// </summary>
        /// <param name="thumbprintAsKeyId">When keyId is null, make the thumbprint the kid (generated keys) instead of none.</param>
        internal static SigningKey FromMaterial(KeyMaterial material, SigningAlgorithm algorithm, string? keyId, string? path, bool thumbprintAsKeyId = false)
        {
            // Qlik's size rules come first, before the platform sees (and perhaps refuses) an odd key.
            var publicJwk = PublicJwk.From(material, algorithm, keyId, path);
            var normalized = default(KeyMaterial);
            var signer = default(AsymmetricAlgorithm);
            try
            {
                normalized = Normalize(material, path);
                signer = normalized.CreatePlatformKey();
                var key = Create(signer, normalized, publicJwk, keyId ?? (thumbprintAsKeyId ? publicJwk.Thumbprint : null), path, normalized, null);
                (signer, normalized) = (null, null);
                return key;
            }
            catch (CryptographicException)
            {
                throw Inconsistent(path);
            }
            finally
            {
                signer?.Dispose();
                normalized?.Dispose();
            }
        }

        /// <summary>
        /// A key that stays in a platform object, such as a certificate's (possibly non-exportable) private key: it signs
        /// in place and is never written out. Takes ownership of <paramref name="signer"/>, and once it returns of
        /// <paramref name="owner"/> (the certificate the key came from, when this module loaded it). The kid defaults to
        /// the thumbprint.
        /// </summary>
        /// <param name="publicKey">The public key the signer must match, already checked against Qlik's policy.</param>
        internal static SigningKey FromPlatformKey(AsymmetricAlgorithm signer, KeyMaterial publicKey, SigningAlgorithm algorithm, string? keyId, string? path, IDisposable? owner)
        {
            try
            {
                var publicJwk = PublicJwk.From(publicKey, algorithm, keyId, path);
                return Create(signer, publicKey, publicJwk, publicJwk.Kid, path, null, owner);
            }
            catch
            {
                signer.Dispose();
                throw;
            }
        }

        /// <summary>For the writer: the private numbers, still owned by this key; a certificate's key has none.</summary>
        internal KeyMaterial Exportable
        {
            get
            {
                ThrowIfDisposed();
                return _exportable ?? throw KeyErrors.Invalid(
                    KeyErrors.KeyNotExportable,
                    "This key is a certificate's: it signs where it is stored and is not copied out. Use the certificate itself (-Certificate or -CertificatePath).");
            }
        }

        /// <summary>
        /// Signs under a lock: one key may serve many concurrent token requests, and the platform key objects are not
        /// documented as safe for concurrent use.
        /// </summary>
        internal T UseSecurityKey<T>(Func<SecurityKey, T> sign)
        {
            lock (_algorithm)
            {
                ThrowIfDisposed();
                // One IdentityModel key for this key's life: IdentityModel tells whether a key can sign by exporting its
                // private numbers, once per key object. A key object per assertion copied the private numbers into
                // managed memory on every call, a third of the cost of signing (2048-bit RSA).
                _securityKey ??= IsRsa
                    ? new RsaSecurityKey((RSA)_algorithm) { KeyId = KeyId }
                    : new ECDsaSecurityKey((ECDsa)_algorithm) { KeyId = KeyId };
                return sign(_securityKey);
            }
        }

        /// <summary>Checks that <paramref name="signer"/> is the private half of <paramref name="publicKey"/>, then wraps it.</summary>
        private static SigningKey Create(AsymmetricAlgorithm signer, KeyMaterial publicKey, PublicJwk publicJwk, string? keyId, string? path, KeyMaterial? exportable, IDisposable? owner)
        {
            using (var publicOnly = publicKey.PublicPart().CreatePlatformKey())
            {
                CheckPair(signer, publicOnly, publicJwk.Algorithm, path);
            }

            return new SigningKey(publicJwk.Algorithm, keyId, publicJwk, signer, exportable, owner);
        }

        /// <summary>Signs a probe and verifies it with the public half alone: catches halves of two different keys.</summary>
        private static void CheckPair(AsymmetricAlgorithm privateKey, AsymmetricAlgorithm publicKey, SigningAlgorithm algorithm, string? path)
        {
            var probe = new byte[] { 0x51, 0x6C, 0x69, 0x6B };
            var valid = privateKey is RSA rsa
                ? ((RSA)publicKey).VerifyData(probe, rsa.SignData(probe, algorithm.Hash(), RSASignaturePadding.Pkcs1), algorithm.Hash(), RSASignaturePadding.Pkcs1)
                : ((ECDsa)publicKey).VerifyData(probe, ((ECDsa)privateKey).SignData(probe, algorithm.Hash()), algorithm.Hash());
            if (!valid)
            {
                throw Inconsistent(path);
            }
        }

        private static Errors.QlikOAuthException Inconsistent(string? path) =>
            KeyErrors.Unreadable("its private and public parts do not belong together (the key is damaged or was assembled from two keys). Export the key again.", path);

        /// <summary>
        /// Copies of the numbers at fixed lengths: RSA's public numbers without leading zeros and its private ones padded
        /// (.NET Framework's RSACryptoServiceProvider insists), EC's as they are (48 bytes each).
        /// </summary>
        private static KeyMaterial Normalize(KeyMaterial material, string? path)
        {
            if (!material.IsRsa)
            {
                return KeyMaterial.ForP384(material.Ec.Q.X!, material.Ec.Q.Y!, (byte[])material.Ec.D!.Clone());
            }

            var p = material.Rsa;
            var modulus = BigEndian.TrimLeadingZeros(p.Modulus!);
            var half = (modulus.Length + 1) / 2;
            return KeyMaterial.ForRsa(
                new RSAParameters
                {
                    Modulus = modulus,
                    Exponent = BigEndian.TrimLeadingZeros(p.Exponent!),
                    D = PadTo(p.D!, modulus.Length, path),
                    P = PadTo(p.P!, half, path),
                    Q = PadTo(p.Q!, half, path),
                    DP = PadTo(p.DP!, half, path),
                    DQ = PadTo(p.DQ!, half, path),
                    InverseQ = PadTo(p.InverseQ!, half, path),
                },
                hasPrivate: true);
        }

        private static byte[] PadTo(byte[] value, int length, string? path) => BigEndian.PadTo(value, length) ?? throw Inconsistent(path);

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(SigningKey));
            }
        }
    }
}
