using System;
using System.Collections.Generic;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The one table of a client's fields, in the order the create body, the patch and the list of differences name
    /// them. The definition file, validation, drift and both request bodies are made by walking it.
    /// </summary>
    internal static class ClientFields
    {
        public static readonly TextField AppType = new TextField("appType", FieldRole.CreateOnly, OAuthClientValidator.AppType, client => client.AppType ?? ClientVocabulary.WebAppType, ClientVocabulary.WebAppType);
        public static readonly TextField ClientName = new TextField("clientName", FieldRole.Patched, OAuthClientValidator.Name, client => client.ClientName);
        public static readonly TextField Description = new TextField("description", FieldRole.Patched, Optional(OAuthClientValidator.Description), client => client.Description);
        public static readonly TextField ClientUri = new TextField("clientUri", FieldRole.Patched, Optional(value => OAuthClientValidator.HttpUrl(value, ClientErrors.InvalidClientUri, "client URI")), client => client.ClientUri);
        public static readonly TextField LogoUri = new TextField("logoUri", FieldRole.Patched, Optional(value => OAuthClientValidator.HttpUrl(value, ClientErrors.InvalidLogoUri, "logo URI")), client => client.LogoUri);
        public static readonly ListField RedirectUris = new ListField("redirectUris", OAuthClientValidator.RedirectUris, client => client.RedirectUris);
        public static readonly ListField AllowedOrigins = new ListField("allowedOrigins", OAuthClientValidator.Origins, client => client.AllowedOrigins);
        public static readonly ListField AllowedScopes = new ListField("allowedScopes", OAuthClientValidator.Scopes, client => client.AllowedScopes);
        public static readonly ListField AllowedGrantTypes = new ListField("allowedGrantTypes", OAuthClientValidator.GrantTypes, client => client.AllowedGrantTypes);
        public static readonly ListField AllowedAuthMethods = new ListField("allowedAuthMethods", OAuthClientValidator.AuthMethods, client => client.AllowedAuthMethods);
        public static readonly KeysField PublicKeys = new KeysField("publicKeys");
        public static readonly TextField JwksUri = new TextField("jwksUri", FieldRole.Patched, Optional(value => OAuthClientValidator.HttpUrl(value, ClientErrors.InvalidJwksUri, "JWKS URI")), client => client.JwksUri);
        public static readonly TextField ConsentMethod = new TextField("consentMethod", FieldRole.OwnCall, OAuthClientValidator.Consent, client => client.ConsentMethod, ClientVocabulary.RequiredConsent);

        public static readonly IReadOnlyList<ClientField> All = new ClientField[]
        {
            AppType, ClientName, Description, ClientUri, LogoUri, RedirectUris, AllowedOrigins, AllowedScopes, AllowedGrantTypes, AllowedAuthMethods, PublicKeys, JwksUri, ConsentMethod,
        };

        // Empty text is "none" (remove the field): only a value that is set must be a URL, within limits, ...
        private static Func<string, string> Optional(Func<string, string> check) => value => value.Length == 0 ? value : check(value);
    }
}
