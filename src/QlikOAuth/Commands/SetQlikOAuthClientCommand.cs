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
    /// authentication methods, public keys or JWKS URL (a list replaces the whole list), and its consent method. The
    /// client is read first and only the fields that differ are sent; when none differs nothing is sent. A client
    /// object piped in binds by property name, so piping one client into another (-ClientId) makes it match. When
    /// the change makes the tenant generate a secret (enabling ClientSecret), the secret is emitted: as a
    /// QlikOAuthClientSecret, or with -PassThru on the emitted client.
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
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        /// <summary>The new description; an empty string removes it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ClientUri { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? LogoUri { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Scopes")]
        [ArgumentCompleter(typeof(ScopeCompleter))]
        [AllowEmptyCollection]
        public string[]? Scope { get; set; }

        /// <summary>Replaces the allowed origins; an empty array clears them.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AllowedOrigins")]
        [AllowEmptyCollection]
        public string[]? AllowedOrigin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("RedirectUris")]
        [AllowEmptyCollection]
        public string[]? RedirectUri { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("GrantTypes")]
        [ArgumentCompleter(typeof(GrantTypeCompleter))]
        [AllowEmptyCollection]
        public string[]? GrantType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AuthenticationMethods")]
        [ArgumentCompleter(typeof(AuthenticationMethodCompleter))]
        public string[]? AuthenticationMethod { get; set; }

        /// <summary>Replaces the registered public keys (same forms as New-QlikOAuthClient -PublicKey).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PublicKeys")]
        [AllowEmptyCollection]
        public object[]? PublicKey { get; set; }

        /// <summary>A JWKS URL the tenant reads the keys from instead of inline keys; an empty string removes it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? JwksUri { get; set; }

        /// <summary>Trusted or Required: this tenant's consent method for the client, set with its own call when it differs.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(ClientVocabulary.TrustedConsent, ClientVocabulary.RequiredConsent, IgnoreCase = true)]
        public string? ConsentMethod { get; set; }

        /// <summary>Every kid a piped client registers (its PublicKeyIds): a key this module cannot read is refused instead of dropped.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PublicKeyIds")]
        public string[]? PublicKeyId { get; set; }

        /// <summary>The app type of a piped client: it must be the target's own, as an app type never changes (AppTypeCannotChange).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AppType { get; set; }

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

            var provisioner = new ClientProvisioner(ApiOf(session));
            if (!TryEngine(() => RunEngine(cancellationToken => provisioner.DriftAsync(ClientId, BuildChanges(), AllowUnknownScope, cancellationToken)), ClientId, out ClientDrift drift))
            {
                return;
            }

            if (drift.IsEmpty)
            {
                WriteVerbose($"The client {ClientId} is already as asked: nothing was sent.");
                if (PassThru && TryEngine(() => ReadClient(session, ClientId), ClientId, out QlikOAuthClient unchanged))
                {
                    WriteObject(unchanged);
                }
            }
            else if (ConfirmUpdate(session, drift) && !ApplyDrift(session, provisioner, drift))
            {
                return;
            }

            // After the output, so a new secret has reached the user whatever happens to the CSP list.
            if (AddCspOrigin)
            {
                AddCspOriginsOfClient(session);
            }
        }

        // A change that leaves out what the session signs in with ends the session: it warns and asks, as removing the
        // session's own client or secret does. Set has no -Force: -Confirm:$false is how a script says it means it.
        private bool ConfirmUpdate(QlikSession session, ClientDrift drift)
        {
            string action = $"Update OAuth client ({string.Join(", ", drift.Fields.Select(field => field.Field))})";
            return SignInOf(session)?.LostBy(ClientId, drift.Changes) is string how
                ? ConfirmChangeEndingSession(session, ClientId, action, force: false, $"Client {ClientId}", how, ConnectElsewhereFirst)
                : ShouldProcess(ClientId, action);
        }

        /// <summary>
        /// Sends the drift and writes the output; false when the update failed or stopped half-way (the error is
        /// written). A secret the patch made is written first, whatever fails after it: it is shown once.
        /// </summary>
        private bool ApplyDrift(QlikSession session, ClientProvisioner provisioner, ClientDrift drift)
        {
            foreach (FieldChange field in drift.Fields)
            {
                WriteVerbose($"{ClientId} {field}");
            }

            if (!TryEngine(() => RunEngine(cancellationToken => provisioner.ApplyAsync(ClientId, drift, cancellationToken)), ClientId, out AppliedDrift applied))
            {
                return false;
            }

            NewClientSecret? secret = applied.Secret;
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

            return !WriteIncomplete(applied.Incomplete);
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

        /// <summary>The fields asked for (a partial definition); the engine checks them with the client's state in view.</summary>
        private ClientDefinition BuildChanges()
        {
            ClientDefinition changes = BuildChangesUnchecked();
            ClientDefinition.CheckCarried(ClientId, Name, null, KeysArePiped ? PublicKeyId?.Length ?? 0 : 0, changes.PublicKeys?.Count ?? 0);
            return changes;
        }

        private ClientDefinition BuildChangesUnchecked() =>
            new ClientDefinition
            {
                AppType = AppType,
                ClientName = Name,
                Description = Description,
                ClientUri = ClientUri,
                LogoUri = LogoUri,
                AllowedScopes = Scope,
                AllowedOrigins = AllowedOrigin,
                RedirectUris = RedirectUri,
                AllowedGrantTypes = GrantType,
                AllowedAuthMethods = AuthenticationMethod,
                PublicKeys = ReadPublicKeys(PublicKey, KeyId),
                JwksUri = JwksUri,
                ConsentMethod = ConsentMethod,
            };
    }
}
