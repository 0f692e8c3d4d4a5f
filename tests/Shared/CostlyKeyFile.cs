using System.Formats.Asn1;

namespace QlikOAuth.TestSupport;

/// <summary>
/// An ENCRYPTED PRIVATE KEY PEM (PKCS#8 with PBES2 and AES-256-CBC) whose PBKDF2 parameters ask for as much work as a
/// test wants, as a hostile or careless file may. Its ciphertext is zeros: no password decrypts it. Built by hand,
/// because no key tool writes a count this large in reasonable time. Shared by the engine and runspace tests.
/// </summary>
public static class CostlyKeyFile
{
    public const string HmacWithSha256 = "1.2.840.113549.2.9";
    public const string HmacWithSha512 = "1.2.840.113549.2.11";

    /// <param name="prfOid">The PBKDF2 PRF; null names none, which means HMAC-SHA1 (20-byte blocks: two for AES-256).</param>
    public static string Pem(int iterations, string? prfOid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();                                   // EncryptedPrivateKeyInfo
        writer.PushSequence();
        writer.WriteObjectIdentifier("1.2.840.113549.1.5.13");   //   PBES2
        writer.PushSequence();
        writer.PushSequence();
        writer.WriteObjectIdentifier("1.2.840.113549.1.5.12");   //     PBKDF2
        writer.PushSequence();
        writer.WriteOctetString(new byte[16]);                   //       salt
        writer.WriteInteger(iterations);
        if (prfOid != null)
        {
            writer.PushSequence();                               //       prf
            writer.WriteObjectIdentifier(prfOid);
            writer.WriteNull();
            writer.PopSequence();
        }

        writer.PopSequence();
        writer.PopSequence();
        writer.PushSequence();
        writer.WriteObjectIdentifier("2.16.840.1.101.3.4.1.42"); //     aes256-CBC
        writer.WriteOctetString(new byte[16]);                   //       IV
        writer.PopSequence();
        writer.PopSequence();
        writer.PopSequence();
        writer.WriteOctetString(new byte[32]);                   //   encryptedData
        writer.PopSequence();
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + Convert.ToBase64String(writer.Encode(), Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal)
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }
}
