using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// The public half of a signing key as one entry of Qlik's publicKeys array: kid, kty, alg, use "sig", and
    /// n/e (RSA) or crv/x/y (EC P-384). Instances are only made by this namespace, already validated.
    /// </summary>
    public sealed class PublicJwk
    {
        private PublicJwk(string kty, string alg, string? n, string? e, string? crv, string? x, string? y, int keySize, string? kid)
        {
            Kty = kty;
            Alg = alg;
            N = n;
            E = e;
            Crv = crv;
            X = x;
            Y = y;
            KeySize = keySize;
            Thumbprint = ComputeThumbprint(kty, n, e, crv, x, y);
            Kid = kid ?? Thumbprint;
        }

        public string Kid { get; }

        /// <summary>"RSA" or "EC".</summary>
        public string Kty { get; }

        /// <summary>"RS256", "RS512" or "ES384".</summary>
        public string Alg { get; }

        public string Use => "sig";

        /// <summary>RSA modulus, base64url.</summary>
        public string? N { get; }

        /// <summary>RSA public exponent, base64url.</summary>
        public string? E { get; }

        /// <summary>"P-384" for EC keys.</summary>
        public string? Crv { get; }

        /// <summary>EC point coordinates, base64url, 48 bytes each.</summary>
        public string? X { get; }

        public string? Y { get; }

        /// <summary>Bits: the RSA modulus length, or 384.</summary>
        public int KeySize { get; }

        /// <summary>RFC 7638 JWK thumbprint: base64url SHA-256 of the required members in canonical JSON.</summary>
        public string Thumbprint { get; }

        public SigningAlgorithm Algorithm => SigningAlgorithms.FromJwsName(Alg)!.Value;

        /// <summary>Compact JSON with exactly the JWK members (no KeySize, no thumbprint).</summary>
        public string ToJson() => JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var member in ToDictionary())
            {
                writer.WriteString(member.Key, member.Value);
            }

            writer.WriteEndObject();
        });

        /// <summary>The JWK members in the order ToJson writes them, for callers that serialize themselves.</summary>
        public IReadOnlyDictionary<string, string> ToDictionary()
        {
            var members = new Dictionary<string, string>
            {
                ["kid"] = Kid,
                ["kty"] = Kty,
                ["alg"] = Alg,
                ["use"] = Use,
            };
            if (Kty == KeyPolicy.RsaKeyType)
            {
                members["n"] = N!;
                members["e"] = E!;
            }
            else
            {
                members["crv"] = Crv!;
                members["x"] = X!;
                members["y"] = Y!;
            }

            return members;
        }

        public override string ToString() => $"{Kty} {KeySize} {Alg} kid={Kid} thumbprint={Thumbprint}";

        /// <summary>The JWK of a key's public half; an RSA modulus outside Qlik's sizes is refused here, for every source.</summary>
        /// <param name="key">RSA numbers (leading zeros allowed), or a P-384 point of 48-byte coordinates (RFC 7518 section 6.2.1.2).</param>
        internal static PublicJwk From(KeyMaterial key, SigningAlgorithm algorithm, string? keyId, string? path)
        {
            if (!key.IsRsa)
            {
                return new PublicJwk(
                    KeyPolicy.EcKeyType, algorithm.JwsName(), n: null, e: null, KeyPolicy.P384, Base64Url.Encode(key.Ec.Q.X!), Base64Url.Encode(key.Ec.Q.Y!), 384, keyId);
            }

            var publicPart = key.PublicPart();
            var bits = BigEndian.BitLength(publicPart.Rsa.Modulus!);
            KeyPolicy.CheckRsaBits(bits, path);
            return new PublicJwk(
                KeyPolicy.RsaKeyType, algorithm.JwsName(), Base64Url.Encode(publicPart.Rsa.Modulus!), Base64Url.Encode(publicPart.Rsa.Exponent!), crv: null, x: null, y: null, bits, keyId);
        }

        private static string ComputeThumbprint(string kty, string? n, string? e, string? crv, string? x, string? y)
        {
            // RFC 7638 section 3.2: required members only, sorted by name, no whitespace. The values are base64url
            // and fixed names, so no JSON escaping can arise and plain concatenation is the canonical form.
            var canonical = kty == KeyPolicy.RsaKeyType
                ? "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}"
                : "{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
            using var sha256 = SHA256.Create();
            return Base64Url.Encode(sha256.ComputeHash(Encoding.UTF8.GetBytes(canonical)));
        }
    }
}
