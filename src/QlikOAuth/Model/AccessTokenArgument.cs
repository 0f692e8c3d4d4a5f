using System.Security;

namespace QlikOAuth
{
    /// <summary>
    /// What -AccessToken takes: a token object from Get-QlikAccessToken or Get-QlikImpersonationToken (given, or piped:
    /// the piped token is then the credential of the call), or the bearer as a SecureString. PowerShell converts either
    /// through these constructors. Plain text converts too, only so it can be refused with a clear error.
    /// </summary>
    public sealed class AccessTokenArgument
    {
        public AccessTokenArgument(QlikAccessToken token) => Token = token;

        public AccessTokenArgument(SecureString bearer) => Bearer = bearer;

        public AccessTokenArgument(string plainText) => IsPlainText = plainText != null;

        internal QlikAccessToken? Token { get; }

        internal SecureString? Bearer { get; }

        internal bool IsPlainText { get; }

        public override string ToString() => Token?.ToString() ?? "access token";
    }
}
