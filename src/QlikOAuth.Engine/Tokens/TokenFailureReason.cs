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
        TokenLimitReached,
    }
}
