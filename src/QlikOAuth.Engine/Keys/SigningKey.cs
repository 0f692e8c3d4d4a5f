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
        private readonly RSAParameters _rsaParameters;
        private readonly ECParameters _ecParameters;
        private readonly AsymmetricAlgorithm _algorithm;
        private readonly IDisposable? _keyOwner;
        private bool _disposed;

        private SigningKey(SigningAlgorithm algorithm, string? keyId, PublicJwk publicJwk, AsymmetricAlgorithm platformKey, RSAParameters rsa, ECParameters ec, IDisposable? keyOwner = null)
        {
            _keyOwner = keyOwner;
            Algorithm = algorithm;
            KeyId = keyId;
            PublicJwk = publicJwk;
            _algorithm = platformKey;
            _rsaParameters = rsa;
            _ecParameters = ec;
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
            return IsRsa
                ? FromRsa(CopyRsa(RsaParameters), Algorithm, keyId, null)
                : FromEc(CopyEc(EcParameters), Algorithm, keyId, null);
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
                _algorithm.Dispose();
                _keyOwner?.Dispose();
            }

            SensitiveBytes.Clear(_rsaParameters.D, _rsaParameters.P, _rsaParameters.Q, _rsaParameters.DP, _rsaParameters.DQ, _rsaParameters.InverseQ, _ecParameters.D);
        }

        /// <summary>
        /// Takes ownership of private parameters (always cleared; the key keeps normalized copies), checks that they
        /// form one working key pair, and fixes the array lengths .NET Framework's RSACryptoServiceProvider insists on.
        /// </summary>
        /// <param name="thumbprintAsKeyId">When keyId is null, make the thumbprint the kid (generated keys) instead of none.</param>
        internal static SigningKey FromRsa(RSAParameters parameters, SigningAlgorithm algorithm, string? keyId, string? path, bool thumbprintAsKeyId = false)
        {
            var normalized = default(RSAParameters);
            var rsa = default(RSA);
            try
            {
                var modulus = BigEndian.TrimLeadingZeros(parameters.Modulus!);
                var exponent = BigEndian.TrimLeadingZeros(parameters.Exponent!);
                KeyPolicy.CheckRsaBits(BigEndian.BitLength(modulus), path);
                var half = (modulus.Length + 1) / 2;
                normalized = new RSAParameters
                {
                    Modulus = modulus,
                    Exponent = exponent,
                    D = PadTo(parameters.D!, modulus.Length, path),
                    P = PadTo(parameters.P!, half, path),
                    Q = PadTo(parameters.Q!, half, path),
                    DP = PadTo(parameters.DP!, half, path),
                    DQ = PadTo(parameters.DQ!, half, path),
                    InverseQ = PadTo(parameters.InverseQ!, half, path),
                };

                rsa = RSA.Create();
                rsa.ImportParameters(normalized);
                using (var publicOnly = RSA.Create())
                {
                    publicOnly.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
                    CheckPair(rsa, publicOnly, algorithm, path);
                }

                var publicJwk = PublicJwk.ForRsa(modulus, exponent, algorithm, keyId);
                var key = new SigningKey(algorithm, KeyIdOrThumbprint(keyId, publicJwk, thumbprintAsKeyId), publicJwk, rsa, normalized, default);
                rsa = null;
                return key;
            }
            catch (CryptographicException)
            {
                throw Inconsistent(path);
            }
            finally
            {
                SensitiveBytes.Clear(parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ);
                if (rsa is not null)
                {
                    rsa.Dispose();
                    SensitiveBytes.Clear(normalized.D, normalized.P, normalized.Q, normalized.DP, normalized.DQ, normalized.InverseQ);
                }
            }
        }

        /// <summary>P-384 parameters with D, Q.X and Q.Y of 48 bytes each; takes ownership of D.</summary>
        internal static SigningKey FromEc(ECParameters parameters, SigningAlgorithm algorithm, string? keyId, string? path, bool thumbprintAsKeyId = false)
        {
            var ecdsa = default(ECDsa);
            var owned = false;
            try
            {
                ecdsa = ECDsa.Create(parameters);
                using (var publicOnly = ECDsa.Create(new ECParameters { Curve = parameters.Curve, Q = parameters.Q }))
                {
                    CheckPair(ecdsa, publicOnly, algorithm, path);
                }

                var publicJwk = PublicJwk.ForP384(parameters.Q.X!, parameters.Q.Y!, algorithm, keyId);
                var key = new SigningKey(algorithm, KeyIdOrThumbprint(keyId, publicJwk, thumbprintAsKeyId), publicJwk, ecdsa, default, parameters);
                owned = true;
                return key;
            }
            catch (CryptographicException)
            {
                throw Inconsistent(path);
            }
            finally
            {
                if (!owned)
                {
                    ecdsa?.Dispose();
                    SensitiveBytes.Clear(parameters.D);
                }
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
                using (var publicOnly = publicKey.IsRsa ? RSA.Create() : (AsymmetricAlgorithm)ECDsa.Create(publicKey.Ec))
                {
                    (publicOnly as RSA)?.ImportParameters(publicKey.Rsa);
                    CheckPair(signer, publicOnly, algorithm, path);
                }

                var publicJwk = publicKey.IsRsa
                    ? PublicJwk.ForRsa(BigEndian.TrimLeadingZeros(publicKey.Rsa.Modulus!), BigEndian.TrimLeadingZeros(publicKey.Rsa.Exponent!), algorithm, keyId)
                    : PublicJwk.ForP384(publicKey.Ec.Q.X!, publicKey.Ec.Q.Y!, algorithm, keyId);
                return new SigningKey(algorithm, publicJwk.Kid, publicJwk, signer, default, default, owner);
            }
            catch
            {
                signer.Dispose();
                throw;
            }
        }

        /// <summary>For the writer: the private parameters, still owned by this key; a certificate's key has none.</summary>
        internal RSAParameters RsaParameters => ThrowIfNotExportable()._rsaParameters;

        internal ECParameters EcParameters => ThrowIfNotExportable()._ecParameters;

        /// <summary>
        /// Signs under a lock: one key may serve many concurrent token requests, and the platform key objects are not
        /// documented as safe for concurrent use.
        /// </summary>
        internal T UseSecurityKey<T>(Func<SecurityKey, T> sign)
        {
            lock (_algorithm)
            {
                ThrowIfDisposed();
                SecurityKey key = IsRsa
                    ? new RsaSecurityKey((RSA)_algorithm) { KeyId = KeyId }
                    : new ECDsaSecurityKey((ECDsa)_algorithm) { KeyId = KeyId };
                return sign(key);
            }
        }

        private static string? KeyIdOrThumbprint(string? keyId, PublicJwk publicJwk, bool thumbprintAsKeyId) =>
            keyId ?? (thumbprintAsKeyId ? publicJwk.Thumbprint : null);

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

        /// <summary>Fixed lengths for the private numbers, as .NET Framework's RSACryptoServiceProvider insists on.</summary>
        private static byte[] PadTo(byte[] value, int length, string? path) => BigEndian.PadTo(value, length) ?? throw Inconsistent(path);

        private static RSAParameters CopyRsa(RSAParameters p) => new RSAParameters
        {
            Modulus = p.Modulus,
            Exponent = p.Exponent,
            D = (byte[])p.D!.Clone(),
            P = (byte[])p.P!.Clone(),
            Q = (byte[])p.Q!.Clone(),
            DP = (byte[])p.DP!.Clone(),
            DQ = (byte[])p.DQ!.Clone(),
            InverseQ = (byte[])p.InverseQ!.Clone(),
        };

        private static ECParameters CopyEc(ECParameters p) => new ECParameters { Curve = p.Curve, Q = p.Q, D = (byte[])p.D!.Clone() };

        private SigningKey ThrowIfNotExportable()
        {
            ThrowIfDisposed();
            if (_rsaParameters.D is null && _ecParameters.D is null)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.KeyNotExportable,
                    "This key is a certificate's: it signs where it is stored and is not copied out. Use the certificate itself (-Certificate or -CertificatePath).");
            }

            return this;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(SigningKey));
            }
        }
    }
}
