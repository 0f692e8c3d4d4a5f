using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Reads a public key to register with Qlik: a public JWK (JSON or members), PEM "PUBLIC KEY" (SubjectPublicKeyInfo,
    /// RSA or EC P-384) or PEM "RSA PUBLIC KEY" (PKCS#1). A private key is refused so it is never sent anywhere.
    /// </summary>
    public static class PublicKeyReader
    {
        /// <param name="keyId">The kid; else the JWK's kid; else the RFC 7638 thumbprint.</param>
        /// <param name="algorithm">Else the JWK's alg; else RS256 for RSA and ES384 for EC.</param>
        public static PublicJwk Read(string text, string? keyId = null, SigningAlgorithm? algorithm = null) =>
            Read(text ?? throw new ArgumentNullException(nameof(text)), keyId, algorithm, null);

        public static PublicJwk ReadFile(string path, string? keyId = null, SigningAlgorithm? algorithm = null) =>
            Read(KeyFile.ReadText(path), keyId, algorithm, path);

        /// <summary>A JWK that arrived as members (a hashtable, a parsed object); non-string values other than
        /// wrappers of strings are refused.</summary>
        public static PublicJwk FromDictionary(IDictionary<string, object?> jwkMembers, string? keyId = null, SigningAlgorithm? algorithm = null) =>
            ToPublicJwk(Jwk.ToMaterial(Jwk.FromDictionary(jwkMembers ?? throw new ArgumentNullException(nameof(jwkMembers))), expectPrivate: false, null), keyId, algorithm, null);

        private static PublicJwk Read(string text, string? keyId, SigningAlgorithm? algorithm, string? path)
        {
            if (Jwk.LooksLikeJson(text))
            {
                return ToPublicJwk(Jwk.ToMaterial(Jwk.ParseJson(text, path), expectPrivate: false, path), keyId, algorithm, path);
            }

            foreach (var block in Pem.Parse(text))
            {
                switch (block.Label)
                {
                    case "PUBLIC KEY":
                        return ToPublicJwk(KeyDer.ReadSubjectPublicKeyInfo(Decode(block, path), path), keyId, algorithm, path);
                    case "RSA PUBLIC KEY":
                        return ToPublicJwk(KeyDer.ReadRsaPublicKey(Decode(block, path), path), keyId, algorithm, path);
                    case "PRIVATE KEY":
                    case "ENCRYPTED PRIVATE KEY":
                    case "RSA PRIVATE KEY":
                    case "EC PRIVATE KEY":
                    case "OPENSSH PRIVATE KEY":
                        throw KeyErrors.Invalid(
                            KeyErrors.PrivateKeyGivenAsPublic,
                            "This is a private key. Never register or share it: pass its public key, e.g. openssl pkey -in key.pem -pubout -out public.pem.",
                            path);
                    case "CERTIFICATE":
                        throw KeyErrors.Unreadable("it is a certificate; give its public key: openssl x509 -in cert.pem -pubkey -noout > public.pem.", path);
                }
            }

            throw KeyErrors.Unreadable(
                "it holds no public key this module reads: expected PEM (\"-----BEGIN PUBLIC KEY-----\" or \"RSA PUBLIC KEY\") or a public JWK (JSON).",
                path);
        }

        private static byte[] Decode(PemBlock block, string? path) =>
            block.Decode() ?? throw KeyErrors.Unreadable($"the PEM block \"{block.Label}\" is not valid base64. Check that the key was copied completely.", path);

        internal static PublicJwk ToPublicJwk(KeyMaterial material, string? keyId, SigningAlgorithm? algorithm, string? path)
        {
            var resolved = KeyPolicy.ResolveAlgorithm(material.KeyType, algorithm, material.JwkAlg, path);
            var kid = keyId ?? material.JwkKid;
            if (kid is not null)
            {
                KeyPolicy.CheckKeyId(kid, path);
            }

            var publicJwk = PublicJwk.From(material, resolved, kid, path);
            try
            {
                // Importing checks that the numbers form a key, and that an EC point lies on P-384: a point off the
                // curve is damage or an attack.
                material.PublicPart().CreatePlatformKey().Dispose();
            }
            catch (CryptographicException)
            {
                throw KeyErrors.Unreadable("the public key's numbers are not a valid key (damaged, or not on its curve). Export the public key again.", path);
            }

            return publicJwk;
        }
    }
}
