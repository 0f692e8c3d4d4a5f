namespace QlikOAuth.Engine.Tokens
{
    /// <summary>A token and the user it acts for as far as known (an email lookup adds the id and subject); User is null for M2M.</summary>
    public sealed class IssuedToken
    {
        public IssuedToken(AccessToken token, UserReference? user, bool userCreated = false)
        {
            Token = token;
            User = user;
            UserCreated = userCreated;
        }

        public AccessToken Token { get; }

        public UserReference? User { get; }

        /// <summary>The user did not exist and was created for this token (-CreateMissingUser).</summary>
        public bool UserCreated { get; }

        public override string ToString() => Token.ToString();
    }
}
