namespace QlikCloud.Emulator.State;

/// <summary>The grant types and auth methods the contract names.</summary>
internal static class TokenGrants
{
    public const string ClientCredentials = "client_credentials";
    public const string Impersonation = "urn:qlik:oauth:user-impersonation";
    public const string ClientSecretMethod = "client_secret";
    public const string PrivateKeyJwtMethod = "private_key_jwt";
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static readonly string[] All = [ClientCredentials, Impersonation];
    public static readonly string[] AuthMethods = [ClientSecretMethod, PrivateKeyJwtMethod];
}
