using System.Security.Cryptography;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>Creates new signing keys of the kinds Qlik Cloud accepts.</summary>
    public static class KeyGenerator
    {
        /// <param name="rsaKeySize">2048, 3072 or 4096 for RS256/RS512; ignored for ES384 (always P-384).</param>
        /// <param name="keyId">The kid; by default the key's RFC 7638 thumbprint.</param>
        public static SigningKey Generate(SigningAlgorithm algorithm, int rsaKeySize = 2048, string? keyId = null)
        {
            // Refuses an undefined enum value (a cast integer) with the usual message.
            KeyPolicy.ResolveAlgorithm(algorithm.IsRsa() ? KeyPolicy.RsaKeyType : KeyPolicy.EcKeyType, algorithm, null, null);
            if (keyId is not null)
            {
                KeyPolicy.CheckKeyId(keyId, null);
            }

            // Without an explicit kid the thumbprint serves: stable, unique per key, and what JWK tooling expects.
            if (algorithm.IsRsa())
            {
                if (rsaKeySize != 2048 && rsaKeySize != 3072 && rsaKeySize != 4096)
                {
                    throw KeyErrors.Invalid(
                        KeyErrors.UnsupportedKeySize,
                        $"An RSA key of {rsaKeySize} bits was asked for; choose 2048, 3072 or 4096.");
                }

                using var rsa = KeyMaterial.ForRsa(GenerateRsa(rsaKeySize), hasPrivate: true);
                return SigningKey.FromMaterial(rsa, algorithm, keyId, null, thumbprintAsKeyId: true);
            }

            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var parameters = ecdsa.ExportParameters(true);
            using var ec = KeyMaterial.ForP384(parameters.Q.X!, parameters.Q.Y!, parameters.D);
            return SigningKey.FromMaterial(ec, algorithm, keyId, null, thumbprintAsKeyId: true);
        }

        private static RSAParameters GenerateRsa(int bits)
        {
            using var rsa = RSA.Create();
            if (rsa is RSACryptoServiceProvider)
            {
                // .NET Framework's RSA.Create() is an RSACryptoServiceProvider, whose KeySize setter does not change
                // the size of the key it generates (it stays 1024): that class must be given the size when constructed.
                using var csp = new RSACryptoServiceProvider(bits);
                return csp.ExportParameters(true);
            }

            rsa.KeySize = bits;
            return rsa.ExportParameters(true);
        }
    }
}
