namespace QlikOAuth.Engine.OAuthTokens
{
    /// <summary>Error ids of the token audit that callers tell apart from other failures.</summary>
    public static class OAuthTokenErrors
    {
        public const string OAuthTokenNotFound = "OAuthTokenNotFound";
    }
}
