namespace QlikCloud.Emulator.State;

/// <summary>The grant types and auth methods the contract names.</summary>
internal static class TokenGrants
{
    public const string ClientCredentials = "client_credentials";
    public const string Impersonation = "urn:qlik:oauth:user-impersonation";
    public const string ClientSecretMethod = "client_secret";
    public const string PrivateKeyJwtMethod = "private_key_jwt";
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The grants a client registers in allowedGrantTypes (web only).</summary>
    public static readonly string[] All = [ClientCredentials, Impersonation];

    /// <summary>The grants of a person's sign-in: no client registers them, any client with a redirect URI uses them (section 8.2).</summary>
    public static readonly string[] SignIn = [AuthorizationCode, RefreshToken];
    public static readonly string[] AuthMethods = [ClientSecretMethod, PrivateKeyJwtMethod];
}
