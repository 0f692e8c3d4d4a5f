using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>The tokens of a person's sign-in, held in memory only: never written anywhere.</summary>
    public sealed class SignInTokens
    {
        public SignInTokens(AccessToken accessToken, string? refreshToken)
        {
            AccessToken = accessToken;
            RefreshToken = refreshToken;
        }

        public AccessToken AccessToken { get; }

        /// <summary>Only with offline_access granted; each renewal brings a new one.</summary>
        public string? RefreshToken { get; }

        public override string ToString() => AccessToken.ToString();
    }
}
