using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Creates a web OAuth client for machine-to-machine (default) and/or M2M impersonation, as the console's
    /// "Create new > Web" does, and emits it with the one-time secret as SecureString and Credential.
    /// Refuses a name that exists (provisioning scripts are re-run) unless -AllowDuplicateName. A client object piped
    /// in binds by property name and is copied whole (the secret excepted: the copy gets its own); what a copy cannot
    /// carry (another app type, a key this module cannot read) is refused before anything is created.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "QlikOAuthClient", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikOAuthClient))]
    public sealed class NewQlikOAuthClientCommand : PublicKeyClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = null!;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>Scopes the client may ask for; default user_default.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Scopes")]
        [ArgumentCompleter(typeof(ScopeCompleter))]
        [ValidateNotNull]
        public string[] Scope { get; set; } = { ClientVocabulary.DefaultScope };

        /// <summary>Browser origins allowed to use the client's tokens, such as https://custom-app.com (at most 5).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AllowedOrigins")]
        [ValidateNotNull]
        public string[] AllowedOrigin { get; set; } = Array.Empty<string>();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RedirectUris")]
        [ValidateNotNull]
        public string[] RedirectUri { get; set; } = Array.Empty<string>();

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ClientUri { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? LogoUri { get; set; }

        /// <summary>
        /// ClientCredentials (machine-to-machine) and/or UserImpersonation, or their wire names; AuthorizationCode for a
        /// client people sign in with (it needs -RedirectUri, and is no machine grant). Default: ClientCredentials on a
        /// web client, none on the public types.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("GrantTypes")]
        [ArgumentCompleter(typeof(GrantTypeCompleter))]
        [ValidateNotNull]
        public string[]? GrantType { get; set; }

        /// <summary>
        /// M2M impersonation: adds the impersonation grant to -GrantType; alone, it is the client's only grant (the
        /// tutorial's checkbox, and Qlik's advice to keep impersonation clients apart from admin clients).
        /// </summary>
        [Parameter]
        public SwitchParameter Impersonation { get; set; }

        /// <summary>
        /// ClientSecret and/or PrivateKeyJwt. Default: ClientSecret, plus PrivateKeyJwt when -PublicKey is given (so the
        /// client works both ways, as in Qlik's impersonation tutorial, and Credential is always there).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AuthenticationMethods")]
        [ArgumentCompleter(typeof(AuthenticationMethodCompleter))]
        [ValidateNotNull]
        public string[]? AuthenticationMethod { get; set; }

        /// <summary>Public keys for private key JWT: New-QlikOAuthKey's output, a JWK (JSON or hashtable), PEM text, a certificate, or a public key file.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PublicKeys")]
        [ValidateNotNull]
        public object[]? PublicKey { get; set; }

        /// <summary>A JWKS URL the tenant reads the client's keys from, instead of -PublicKey.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? JwksUri { get; set; }

        /// <summary>
        /// Every kid the copied client registers (a client object's PublicKeyIds): each must be among the -PublicKey
        /// values, so a key this module cannot read is refused instead of dropped from the copy.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PublicKeyIds")]
        public string[]? PublicKeyId { get; set; }

        /// <summary>
        /// Web (default: a confidential client, for machines or for people signing in to a server-side app), Native
        /// (a desktop tool), SinglePage (qlik-embed in a browser) or AnonymousEmbed; the wire values web, native, spa
        /// and anonymous-embed are taken too, so a piped client is copied as its type. It never changes later.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AppTypeCompleter))]
        public string? AppType { get; set; }

        /// <summary>The kid to register the public key under (by default the JWK's kid or the key's thumbprint).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? KeyId { get; set; }

        /// <summary>The private key's file, carried to the output so the token cmdlets can sign with it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? PrivateKeyPath { get; set; }

        /// <summary>Create the client with consent method Trusted (as M2M clients need); the same as -ConsentMethod Trusted, and wins over a piped one.</summary>
        [Parameter]
        public SwitchParameter Trusted { get; set; }

        /// <summary>Trusted or Required (default): what a copied client's ConsentMethod binds to, so a trusted source makes a trusted copy.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(ClientVocabulary.TrustedConsent, ClientVocabulary.RequiredConsent, IgnoreCase = true)]
        public string? ConsentMethod { get; set; }

        /// <summary>Create even when a client of this name exists.</summary>
        [Parameter]
        public SwitchParameter AllowDuplicateName { get; set; }

        /// <summary>Also allow each -AllowedOrigin in the tenant's CSP list (frame-ancestors, connect-src); each asks ShouldProcess.</summary>
        [Parameter]
        public SwitchParameter AddCspOrigin { get; set; }

        /// <summary>Let a scope this module does not know through (one Qlik added lately); default: refuse it as a typo.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownScope { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            if (!TryEngine(BuildDefinition, Name, out ClientDefinition definition))
            {
                return;
            }

            if (!ShouldProcess($"'{Name}' on {session.TenantUrl}", "Create OAuth client"))
            {
                if (IsWhatIf)
                {
                    // What would be created, so a piped Set-QlikOAuthConsent -WhatIf previews its step as well.
                    WriteObject(new QlikOAuthClient(ClientProvisioner.Preview(definition), session, definition.ConsentMethod == ClientVocabulary.TrustedConsent ? ClientVocabulary.TrustedConsent : null));
                    if (AddCspOrigin)
                    {
                        // A step of its own, so the dry run names each CSP entry it would add too.
                        AddCspOrigins(session, AllowedOrigin, Name);
                    }
                }

                return;
            }

            if (!TryEngine(() => Provision(session, definition, AllowDuplicateName), Name, out ProvisionedClient provisioned))
            {
                return;
            }

            QlikOAuthClient client = ClientObjectOf(provisioned, session);
            client.KeyId = definition.PublicKeys!.Count == 1 ? definition.PublicKeys[0].Kid : null;
            client.PrivateKeyPath = PrivateKeyPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(PrivateKeyPath);

            // The client exists now and its secret is shown once: the object goes out before any failure after the create.
            WriteObject(client);
            WriteIncomplete(provisioned.Incomplete);

            if (AddCspOrigin)
            {
                AddCspOrigins(session, AllowedOrigin, Name);
            }
        }

        /// <summary>The client as the parameters want it, checked as a create (defaults filled in) before any request.</summary>
        private ClientDefinition BuildDefinition()
        {
            List<Engine.Keys.PublicJwk> keys = ReadPublicKeys(PublicKey, KeyId) ?? new List<Engine.Keys.PublicJwk>();
            var definition = new ClientDefinition
            {
                AppType = AppType,
                ClientName = Name,
                Description = Description,
                ClientUri = ClientUri,
                LogoUri = LogoUri,
                AllowedScopes = Scope,
                AllowedOrigins = AllowedOrigin,
                RedirectUris = RedirectUri,
                AllowedGrantTypes = ChosenGrantTypes(),
                AllowedAuthMethods = AuthenticationMethod,
                PublicKeys = keys,
                JwksUri = JwksUri,
                ConsentMethod = Trusted ? ClientVocabulary.TrustedConsent : ConsentMethod,
            };
            ClientDefinition.CheckCarried(null, Name, null, KeysArePiped ? PublicKeyId?.Length ?? 0 : 0, keys.Count);
            ClientDefinition wanted = ClientProvisioner.PlanCreate(definition, AllowUnknownScope);
            if (AddCspOrigin && AllowedOrigin.Length == 0)
            {
                throw new QlikValidationException("AddCspOriginWithoutOrigin", "-AddCspOrigin adds the client's allowed origins to the CSP list: give them with -AllowedOrigin.");
            }

            return wanted;
        }

        /// <summary>The grants asked for; null (the app type's default) when neither -GrantType nor -Impersonation is given.</summary>
        private List<string>? ChosenGrantTypes()
        {
            if (GrantType is null && !Impersonation)
            {
                return null;
            }

            var grants = GrantType?.ToList() ?? new List<string>();
            if (Impersonation)
            {
                grants.Add(GrantTypes.UserImpersonation);
            }

            return grants;
        }
    }
}
