namespace QlikOAuth.Engine.Tokens
{
    /// <summary>Why the token endpoint said no, in terms a user can act on.</summary>
    public enum TokenFailureReason
    {
        Unknown,
        InvalidRequest,
        UnknownClient,
        InvalidClientCredentials,
        GrantNotAllowed,
        ConsentNotTrusted,
        ScopeNotAllowed,
        UserNotFound,
        UserDisabled,
        /// <summary>An email names several users: the module cannot tell which one to impersonate.</summary>
        UserAmbiguous,
        TokenLimitReached,
        /// <summary>A token that was issued is no longer accepted: it expired or was revoked.</summary>
        TokenRejected,
        /// <summary>The signed client assertion was refused as expired or not yet valid: a clock is off, not the key.</summary>
        ClockSkew,
    }
}
