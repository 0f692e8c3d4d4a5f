namespace QlikOAuth.Engine.Tokens
{
    public static class GrantTypes
    {
        /// <summary>Machine-to-machine: the client acts as its own bot user.</summary>
        public const string ClientCredentials = "client_credentials";

        /// <summary>M2M impersonation: the client acts as a user it names.</summary>
        public const string UserImpersonation = "urn:qlik:oauth:user-impersonation";
    }
}
