using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>Stable error ids of client management; scripts and tests match on them.</summary>
    public static class ClientErrors
    {
        public const string ClientNameRequired = "ClientNameRequired";
        public const string ClientNameTooLong = "ClientNameTooLong";
        public const string DescriptionTooLong = "DescriptionTooLong";
        public const string InvalidClientUri = "InvalidClientUri";
        public const string InvalidLogoUri = "InvalidLogoUri";
        public const string TooManyAllowedOrigins = "TooManyAllowedOrigins";
        public const string InvalidAllowedOrigin = "InvalidAllowedOrigin";
        public const string TooManyRedirectUris = "TooManyRedirectUris";
        public const string InvalidRedirectUri = "InvalidRedirectUri";
        public const string UnknownGrantType = "UnknownGrantType";
        public const string UnknownAuthMethod = "UnknownAuthMethod";
        public const string NoAuthMethod = "NoAuthMethod";
        public const string InvalidScope = "InvalidScope";
        public const string UnknownScope = "UnknownScope";
        public const string PublicKeyRequired = "PublicKeyRequired";
        public const string DuplicateKeyId = "DuplicateKeyId";
        public const string InvalidConsentMethod = "InvalidConsentMethod";
        public const string InvalidClientId = "InvalidClientId";
        public const string InvalidSecretHint = "InvalidSecretHint";
        public const string NothingToChange = "NothingToChange";
        public const string ClientNameExists = "ClientNameExists";
        public const string ClientNotFound = "ClientNotFound";
        public const string ClientSecretLimitReached = "ClientSecretLimitReached";
        public const string ClientCreatedButIncomplete = "ClientCreatedButIncomplete";
        public const string ClientCreateOutcomeUnknown = "ClientCreateOutcomeUnknown";
        public const string ClientUpdatedButIncomplete = "ClientUpdatedButIncomplete";
        public const string ClientUpdateOutcomeUnknown = "ClientUpdateOutcomeUnknown";
        public const string ClientSecretOutcomeUnknown = "ClientSecretOutcomeUnknown";
        public const string UnsupportedPublicKeyInput = "UnsupportedPublicKeyInput";
        public const string InvalidJwksUri = "InvalidJwksUri";
        public const string JwksUriWithPublicKeys = "JwksUriWithPublicKeys";
        public const string UnsupportedAppType = "UnsupportedAppType";
        public const string UnknownAppType = "UnknownAppType";
        public const string AppTypeCannotChange = "AppTypeCannotChange";
        public const string MachineGrantNotAllowed = "MachineGrantNotAllowed";
        public const string CredentialNotAllowed = "CredentialNotAllowed";
        public const string RedirectUrisNotAllowed = "RedirectUrisNotAllowed";
        public const string AllowedOriginsNotAllowed = "AllowedOriginsNotAllowed";
        public const string RedirectUriRequired = "RedirectUriRequired";
        public const string AuthorizationCodeNotAllowed = "AuthorizationCodeNotAllowed";
        public const string ConsentNotAllowed = "ConsentNotAllowed";
        public const string PublishNotAllowed = "PublishNotAllowed";
        public const string UnreadablePublicKey = "UnreadablePublicKey";
        public const string DuplicateClientName = "DuplicateClientName";
        public const string DefinitionInvalid = "DefinitionInvalid";
        public const string DefinitionSchemaUnsupported = "DefinitionSchemaUnsupported";
        public const string DefinitionNameClash = "DefinitionNameClash";
        public const string DefinitionMatchesOtherAppType = "DefinitionMatchesOtherAppType";
        public const string DefinitionFileNotFound = "DefinitionFileNotFound";
        public const string SyncStoppedByDefinitionError = "SyncStoppedByDefinitionError";

        internal static QlikValidationException Invalid(string errorId, string message, object? target = null) =>
            new QlikValidationException(errorId, message, target);
    }
}
