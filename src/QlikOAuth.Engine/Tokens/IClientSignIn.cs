namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// A tenant credential that signs in as an OAuth client: an admin session's. Defined here, below Clients, so that
    /// a rotation of that client's secret can switch the session to the new one before it removes the old.
    /// </summary>
    public interface IClientSignIn
    {
        /// <summary>How the session authenticates as its client now.</summary>
        ClientAuthentication Client { get; }

        /// <summary>Signs in with <paramref name="replacement"/> (the same client) from the next token request on.</summary>
        void SwitchTo(ClientAuthentication replacement);
    }
}
