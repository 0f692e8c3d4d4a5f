using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// The stable error ids of key handling, and the one place that builds the exceptions. Messages name what
    /// was wrong (a size, a curve, an algorithm, a path) and what to do; they never quote key material, and no
    /// parser or crypto exception is attached, since those can echo fragments of the input.
    /// </summary>
    public static class KeyErrors
    {
        public const string KeyTooSmall = "KeyTooSmall";
        public const string UnsupportedKeySize = "UnsupportedKeySize";
        public const string UnsupportedCurve = "UnsupportedCurve";
        public const string UnsupportedKeyType = "UnsupportedKeyType";
        public const string UnsupportedAlgorithm = "UnsupportedAlgorithm";
        public const string AlgorithmKeyMismatch = "AlgorithmKeyMismatch";
        public const string InvalidKeyId = "InvalidKeyId";
        public const string MissingKeyId = "MissingKeyId";
        public const string PrivateKeyGivenAsPublic = "PrivateKeyGivenAsPublic";
        public const string PublicKeyGivenAsPrivate = "PublicKeyGivenAsPrivate";
        public const string UnreadableKey = "UnreadableKey";
        public const string UnsupportedKeyEncryption = "UnsupportedKeyEncryption";
        public const string KeyDerivationTooCostly = "KeyDerivationTooCostly";
        public const string KeyPasswordRequired = "KeyPasswordRequired";
        public const string WrongKeyPassword = "WrongKeyPassword";
        public const string EmptyKeyPassword = "EmptyKeyPassword";
        public const string KeyFileExists = "KeyFileExists";
        public const string KeyFileNotFound = "KeyFileNotFound";
        public const string KeyFileUnreadable = "KeyFileUnreadable";
        public const string KeyFileUnwritable = "KeyFileUnwritable";
        public const string InvalidTokenEndpoint = "InvalidTokenEndpoint";
        public const string InvalidAssertionLifetime = "InvalidAssertionLifetime";
        public const string InvalidClientId = "InvalidClientId";
        public const string CertificateWithoutPrivateKey = "CertificateWithoutPrivateKey";
        public const string CertificateKeyUnusable = "CertificateKeyUnusable";
        public const string KeyNotExportable = "KeyNotExportable";
        public const string ConflictingKeySources = "ConflictingKeySources";

        /// <summary>
        /// Quotes a short identifier from the input (a kty, crv or alg value) for a message; anything long enough to
        /// be key material pasted into the wrong member is not repeated.
        /// </summary>
        internal static string Describe(string? value)
        {
            if (value is null)
            {
                return "(none)";
            }

            if (value.Length > 16)
            {
                return "(an unrecognised value)";
            }

            foreach (var c in value)
            {
                if (char.IsControl(c))
                {
                    return "(an unrecognised value)";
                }
            }

            return "\"" + value + "\"";
        }

        internal static QlikValidationException Invalid(string errorId, string message, object? target = null) =>
            new QlikValidationException(errorId, message, target);

        /// <summary>
        /// Content that is not a usable key. From a file it is the file that is bad (InvalidData, target the path);
        /// from text given directly it is the argument.
        /// </summary>
        internal static QlikOAuthException Unreadable(string message, string? path) =>
            path is null
                ? new QlikValidationException(UnreadableKey, "The key cannot be used: " + message)
                : new QlikOAuthException(UnreadableKey, QlikErrorKind.InvalidData, $"The key file '{path}' cannot be used: {message}", path);

        internal static QlikOAuthException File(string errorId, string message, string path) =>
            new QlikOAuthException(errorId, QlikErrorKind.InvalidData, message, path);
    }
}
