using System;
using System.Net;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// Maps a token endpoint error to a reason. Qlik publishes only OAUTH-14 ("Invalid client_id"); the other
    /// codes are those the emulator uses (unconfirmed for the real service), so titles, RFC 6749 error names
    /// and the status are read as fallbacks.
    /// </summary>
    internal static class TokenFailureClassifier
    {
        public static TokenFailureReason Classify(HttpStatusCode status, QlikErrorBody error)
        {
            string code = error.Code ?? string.Empty;
            string words = ((error.Title ?? string.Empty) + " " + (error.Detail ?? string.Empty)).ToLowerInvariant();

            // Checked before the code: the tenant files a stale assertion under the same code as a wrong key.
            if (IsAssertionTimeRefusal(words))
            {
                return TokenFailureReason.ClockSkew;
            }

            switch (code)
            {
                case "OAUTH-14":
                case "invalid_client" when status != HttpStatusCode.Unauthorized:
                    return TokenFailureReason.UnknownClient;
                case "OAUTH-3":
                case "invalid_client":
                    return TokenFailureReason.InvalidClientCredentials;
                case "OAUTH-4":
                case "unauthorized_client":
                    return TokenFailureReason.GrantNotAllowed;
                case "OAUTH-5":
                case "consent_required":
                    return TokenFailureReason.ConsentNotTrusted;
                case "OAUTH-6":
                case "invalid_scope":
                    return TokenFailureReason.ScopeNotAllowed;
                case "OAUTH-7":
                    return TokenFailureReason.UserNotFound;
                case "OAUTH-8":
                    return TokenFailureReason.UserDisabled;
                case "OAUTH-1":
                case "OAUTH-2":
                case "invalid_request":
                case "unsupported_grant_type":
                    return TokenFailureReason.InvalidRequest;
            }

            if (Contains(words, "consent")) return TokenFailureReason.ConsentNotTrusted;
            if (Contains(words, "scope")) return TokenFailureReason.ScopeNotAllowed;
            if (Contains(words, "disabled")) return TokenFailureReason.UserDisabled;
            if (Contains(words, "user") && Contains(words, "not found")) return TokenFailureReason.UserNotFound;
            if (Contains(words, "limit")) return TokenFailureReason.TokenLimitReached;
            if (Contains(words, "grant")) return TokenFailureReason.GrantNotAllowed;
            return status switch
            {
                HttpStatusCode.Unauthorized => TokenFailureReason.InvalidClientCredentials,
                HttpStatusCode.BadRequest => TokenFailureReason.InvalidRequest,
                _ => TokenFailureReason.Unknown,
            };
        }

        /// <summary>
        /// Whether the refusal is about the client rather than one user: every other request of the client would be
        /// refused the same way. A clock off on this machine makes every assertion it signs stale, so it counts too.
        /// </summary>
        public static bool ConcernsTheClient(TokenFailureReason reason) => reason switch
        {
            TokenFailureReason.UnknownClient => true,
            TokenFailureReason.InvalidClientCredentials => true,
            TokenFailureReason.GrantNotAllowed => true,
            TokenFailureReason.ConsentNotTrusted => true,
            TokenFailureReason.ScopeNotAllowed => true,
            TokenFailureReason.ClockSkew => true,
            _ => false,
        };

        /// <summary>
        /// What went wrong and what to do. Never "add the grant or scope to the client": a client's grants and scopes are
        /// the power it was given on purpose (an impersonation-only client must not mint machine-to-machine tokens).
        /// </summary>
        public static string Explain(TokenFailureReason reason, string clientId) => reason switch
        {
            TokenFailureReason.UnknownClient => $"The tenant has no OAuth client '{clientId}': check the client id (Get-QlikOAuthClient lists them).",
            TokenFailureReason.InvalidClientCredentials => $"The credentials of client '{clientId}' were refused: the secret is wrong or was removed, or the private key does not match a registered public key. Check the password of -Credential (New-QlikOAuthClientSecret makes a new secret), or -PrivateKeyPath and -KeyId.",
            TokenFailureReason.GrantNotAllowed => $"Client '{clientId}' does not allow this grant type or authentication method: use a client made for this kind of token (Get-QlikOAuthClient -ClientId {clientId} shows what this one allows).",
            TokenFailureReason.ConsentNotTrusted => $"Client '{clientId}' is not set to consent method Trusted: run Set-QlikOAuthConsent -ClientId {clientId}.",
            TokenFailureReason.ScopeNotAllowed => $"The scope asked for is not among client '{clientId}''s allowed scopes: ask only for scopes it allows (Get-QlikOAuthClient -ClientId {clientId} shows them).",
            TokenFailureReason.UserNotFound => "The user to impersonate was not found on the tenant: check the subject or user id, or add -CreateMissingUser to create the user on first use.",
            TokenFailureReason.UserDisabled => "The user to impersonate is disabled on the tenant.",
            TokenFailureReason.TokenLimitReached => "The tenant refused to issue more tokens for now (token limit reached): wait and retry, or reuse cached tokens.",
            TokenFailureReason.InvalidRequest => "The tenant refused the token request as malformed.",
            TokenFailureReason.ClockSkew => $"The tenant refused client '{clientId}''s signed assertion as expired or not yet valid. The key is not the problem: this machine's clock is likely off (clock skew). Synchronize the clock (NTP) and retry.",
            _ => "The tenant refused the token request.",
        };

        // Qlik's wording is unconfirmed: the emulator names the failed check ("exp: the assertion has expired",
        // "iat: ... issued in the future", "nbf: ... not valid yet").
        private static bool IsAssertionTimeRefusal(string words) =>
            Contains(words, "assertion")
            && (Contains(words, "expired") || Contains(words, "in the future") || Contains(words, "not valid yet") || Contains(words, "clock"));

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.Ordinal) >= 0;
    }
}
