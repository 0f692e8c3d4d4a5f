using System.Security.Cryptography;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>The JWS algorithms Qlik Cloud accepts for private key JWT client authentication.</summary>
    public enum SigningAlgorithm
    {
        /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
        RS256,
        /// <summary>RSASSA-PKCS1-v1_5 with SHA-512.</summary>
        RS512,
        /// <summary>ECDSA on P-384 with SHA-384.</summary>
        ES384,
    }

    internal static class SigningAlgorithms
    {
        public static bool IsRsa(this SigningAlgorithm algorithm) => algorithm != SigningAlgorithm.ES384;

        public static bool IsDefined(SigningAlgorithm algorithm) =>
            algorithm == SigningAlgorithm.RS256 || algorithm == SigningAlgorithm.RS512 || algorithm == SigningAlgorithm.ES384;

        /// <summary>The JWS "alg" value; the enum names are those values.</summary>
        public static string JwsName(this SigningAlgorithm algorithm) => algorithm.ToString();

        /// <summary>Case-sensitive, as JWS "alg" values are (RFC 7515 section 4.1.1).</summary>
        public static SigningAlgorithm? FromJwsName(string name) => name switch
        {
            "RS256" => SigningAlgorithm.RS256,
            "RS512" => SigningAlgorithm.RS512,
            "ES384" => SigningAlgorithm.ES384,
            _ => null,
        };

        public static HashAlgorithmName Hash(this SigningAlgorithm algorithm) => algorithm switch
        {
            SigningAlgorithm.RS512 => HashAlgorithmName.SHA512,
            SigningAlgorithm.ES384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA256,
        };
    }
}
