namespace QlikOAuth.Engine.Keys
{
    /// <summary>The object identifiers of the key formats read and written here.</summary>
    internal static class Oids
    {
        public const string RsaEncryption = "1.2.840.113549.1.1.1";     // PKCS#1
        public const string RsaPss = "1.2.840.113549.1.1.10";           // PKCS#1 RSASSA-PSS keys: refused with a clear message
        public const string EcPublicKey = "1.2.840.10045.2.1";          // SEC1 / RFC 5480
        public const string Secp384r1 = "1.3.132.0.34";                 // P-384
        public const string Secp256r1 = "1.2.840.10045.3.1.7";          // P-256, only to name it when refusing
        public const string Secp521r1 = "1.3.132.0.35";                 // P-521, only to name it when refusing
        public const string Pbes2 = "1.2.840.113549.1.5.13";            // RFC 8018
        public const string Pbkdf2 = "1.2.840.113549.1.5.12";
        public const string HmacWithSha1 = "1.2.840.113549.2.7";
        public const string HmacWithSha256 = "1.2.840.113549.2.9";
        public const string HmacWithSha384 = "1.2.840.113549.2.10";
        public const string HmacWithSha512 = "1.2.840.113549.2.11";
        public const string Aes128Cbc = "2.16.840.1.101.3.4.1.2";
        public const string Aes192Cbc = "2.16.840.1.101.3.4.1.22";
        public const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

        /// <summary>A curve's common name for messages (a Qlik admin knows "P-256", not an OID).</summary>
        public static string CurveName(string oid) => oid switch
        {
            Secp384r1 => "P-384",
            Secp256r1 => "P-256",
            Secp521r1 => "P-521",
            _ => "the curve " + oid,
        };
    }
}
