namespace QlikOAuth.Engine.Clients
{
    /// <summary>Stable error ids of changing a client's credentials one at a time and of rotating them.</summary>
    public static class CredentialErrors
    {
        /// <summary>The change would leave the client no way to authenticate; -Force allows it.</summary>
        public const string LastAuthenticationPath = "LastAuthenticationPath";

        /// <summary>No registered key has the kid given.</summary>
        public const string PublicKeyNotFound = "PublicKeyNotFound";

        /// <summary>The client has no secret with the hint given.</summary>
        public const string SecretHintNotFound = "SecretHintNotFound";

        /// <summary>The client has a key this module cannot read: rewriting the key list would drop it.</summary>
        public const string ClientKeysUnreadable = "ClientKeysUnreadable";

        /// <summary>The answer to a key list change was lost: the key may or may not be registered.</summary>
        public const string KeyChangeOutcomeUnknown = "KeyChangeOutcomeUnknown";

        /// <summary>Several old credentials and nothing says which one the new one replaces.</summary>
        public const string RotationTargetUnclear = "RotationTargetUnclear";

        /// <summary>The client cannot use the credential kind, or allows no grant to prove a new credential with.</summary>
        public const string RotationNotPossible = "RotationNotPossible";

        /// <summary>The new credential got no token; the old ones are kept.</summary>
        public const string RotationProofFailed = "RotationProofFailed";

        /// <summary>The new credential works and was emitted, but an old one could not be removed.</summary>
        public const string RotationIncomplete = "RotationIncomplete";
    }
}
