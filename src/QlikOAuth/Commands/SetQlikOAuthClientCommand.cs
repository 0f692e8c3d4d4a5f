using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Changes a client through one JSON Patch: name, description, URIs, scopes, origins, redirect URIs, grant types,
    /// authentication methods and public keys (a list replaces the whole list). When the change makes the tenant
    /// generate a secret (enabling ClientSecret), the secret is emitted: as a QlikOAuthClientSecret, or with
    /// -PassThru on the emitted client.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "QlikOAuthClient", SupportsShouldProcess = true)]
    [OutputType(typeof(QlikOAuthClient), typeof(QlikOAuthClientSecret))]
    public sealed class SetQlikOAuthClientCommand : PublicKeyClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = null!;

        /// <summary>The new client name.</summary>
        [Parameter]
        public string? Name { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public string? ClientUri { get; set; }

        [Parameter]
        public string? LogoUri { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ScopeCompleter))]
        public string[]? Scope { get; set; }

        /// <summary>Replaces the allowed origins; an empty array clears them.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? AllowedOrigin { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public string[]? RedirectUri { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(GrantTypeCompleter))]
        [AllowEmptyCollection]
        public string[]? GrantType { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(AuthenticationMethodCompleter))]
        public string[]? AuthenticationMethod { get; set; }

        /// <summary>Replaces the registered public keys (same forms as New-QlikOAuthClient -PublicKey).</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? PublicKey { get; set; }

        /// <summary>The kid to register -PublicKey under.</summary>
        [Parameter]
        public string? KeyId { get; set; }

        /// <summary>Emit the client as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Also allow the client's allowed origins (the new -AllowedOrigin, else the current ones) in the tenant's CSP list; each asks ShouldProcess. Alone, it changes nothing else.</summary>
        [Parameter]
        public SwitchParameter AddCspOrigin { get; set; }

        /// <summary>Let a scope this module does not know through (one Qlik added lately); default: refuse it as a typo.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownScope { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            if (AddCspOrigin && OnlyCspOriginsAsked())
            {
                AddCspOriginsOfClient(session);
                return;
            }

            if (!TryEngine(BuildChanges, ClientId, out OAuthClientChanges changes)
                || !ShouldProcess(ClientId, $"Update OAuth client ({string.Join(", ", changes.Paths.Select(path => path.TrimStart('/')))})"))
            {
                return;
            }

            if (!TryEngine(() => RunEngine(cancellationToken => ApiOf(session).UpdateAsync(ClientId, changes, cancellationToken)), ClientId, out NewClientSecret? secret))
            {
                return;
            }

            if (!PassThru)
            {
                if (secret != null)
                {
                    WriteObject(new QlikOAuthClientSecret(secret, session));
                }
            }
            else if (TryEngine(() => ReadClient(session, ClientId), ClientId, out QlikOAuthClient changed))
            {
                WriteObject(WithSecret(changed, secret));
            }
            else if (secret != null)
            {
                // The secret goes out even if reading the client back fails: it is shown once.
                WriteObject(new QlikOAuthClientSecret(secret, session));
            }

            // After the output, so a new secret has reached the user whatever happens to the CSP list.
            if (AddCspOrigin)
            {
                AddCspOriginsOfClient(session);
            }
        }

        /// <summary>-AddCspOrigin alone (with -ClientId) changes no field of the client: the update is skipped.</summary>
        private bool OnlyCspOriginsAsked() => PublicKey is null && BuildChangesUnchecked().IsEmpty;

        /// <summary>The origins just set with -AllowedOrigin, else the client's current ones, each ensured in the CSP list.</summary>
        private void AddCspOriginsOfClient(QlikSession session)
        {
            IEnumerable<string>? origins = AllowedOrigin;
            if (origins is null && !TryEngine(() => origins = ReadClient(session, ClientId).AllowedOrigins, ClientId))
            {
                return;
            }

            AddCspOrigins(session, origins!, ClientId);
        }

        private static QlikOAuthClient WithSecret(QlikOAuthClient client, NewClientSecret? secret)
        {
            if (secret != null)
            {
                client.AttachSecret(secret.Secret);
            }

            return client;
        }

        private OAuthClientChanges BuildChanges()
        {
            OAuthClientChanges changes = BuildChangesUnchecked();
            OAuthClientValidator.Validate(changes);
            return changes;
        }

        private OAuthClientChanges BuildChangesUnchecked() =>
            new OAuthClientChanges
            {
                ClientName = Name,
                Description = Description,
                ClientUri = ClientUri,
                LogoUri = LogoUri,
                AllowedScopes = Scope?.ToList(),
                AllowedOrigins = AllowedOrigin?.ToList(),
                RedirectUris = RedirectUri?.ToList(),
                AllowedGrantTypes = GrantType?.ToList(),
                AllowedAuthMethods = AuthenticationMethod?.ToList(),
                PublicKeys = ReadPublicKeys(PublicKey, KeyId),
                AllowUnknownScopes = AllowUnknownScope,
            };
    }
}
