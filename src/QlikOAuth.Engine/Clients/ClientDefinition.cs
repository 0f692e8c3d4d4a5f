using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// A client as wanted: the one model New-, Set-, Import- and Sync-QlikOAuthClient build and
    /// <see cref="ClientProvisioner"/> plans from, and what Export- writes (see <see cref="ClientDefinitionJson"/>).
    /// Every field is optional: null means "leave as is" (for a create: the default). An empty text means "none" (the
    /// field is removed); an empty list clears the list. Friendly names (ClientCredentials, Trusted) are taken and
    /// rewritten to wire values by <see cref="OAuthClientValidator.Check"/>. The fields are the rows of
    /// <see cref="ClientFields"/>; each property here reads and writes its row's value.
    /// </summary>
    public sealed class ClientDefinition
    {
        /// <summary>The format version written as schemaVersion; a definition of another version is refused.</summary>
        public const int CurrentSchemaVersion = 1;

        private readonly Dictionary<ClientField, object> _values = new Dictionary<ClientField, object>();

        /// <summary>web, native, spa or anonymous-embed; it never changes once the client exists.</summary>
        public string? AppType { get => ClientFields.AppType.Of(this); set => Set(ClientFields.AppType, value); }

        public string? ClientName { get => ClientFields.ClientName.Of(this); set => Set(ClientFields.ClientName, value); }

        public string? Description { get => ClientFields.Description.Of(this); set => Set(ClientFields.Description, value); }

        public string? ClientUri { get => ClientFields.ClientUri.Of(this); set => Set(ClientFields.ClientUri, value); }

        public string? LogoUri { get => ClientFields.LogoUri.Of(this); set => Set(ClientFields.LogoUri, value); }

        public IReadOnlyList<string>? RedirectUris { get => ClientFields.RedirectUris.Of(this); set => Set(ClientFields.RedirectUris, value); }

        public IReadOnlyList<string>? AllowedOrigins { get => ClientFields.AllowedOrigins.Of(this); set => Set(ClientFields.AllowedOrigins, value); }

        public IReadOnlyList<string>? AllowedScopes { get => ClientFields.AllowedScopes.Of(this); set => Set(ClientFields.AllowedScopes, value); }

        public IReadOnlyList<string>? AllowedGrantTypes { get => ClientFields.AllowedGrantTypes.Of(this); set => Set(ClientFields.AllowedGrantTypes, value); }

        public IReadOnlyList<string>? AllowedAuthMethods { get => ClientFields.AllowedAuthMethods.Of(this); set => Set(ClientFields.AllowedAuthMethods, value); }

        public IReadOnlyList<PublicJwk>? PublicKeys { get => ClientFields.PublicKeys.Of(this); set => Set(ClientFields.PublicKeys, value); }

        /// <summary>A JWKS URL the tenant fetches the client's keys from, instead of inline <see cref="PublicKeys"/>.</summary>
        public string? JwksUri { get => ClientFields.JwksUri.Of(this); set => Set(ClientFields.JwksUri, value); }

        /// <summary>trusted or required (Trusted, Required); set by its own call after the create or patch.</summary>
        public string? ConsentMethod { get => ClientFields.ConsentMethod.Of(this); set => Set(ClientFields.ConsentMethod, value); }

        /// <summary>The client id on the tenant it was exported from, only when the export asked for it; never used to match.</summary>
        public string? ClientId { get; set; }

        /// <summary>Where the definition comes from (a file name, "definition 2" of the pipeline, parameters), for messages.</summary>
        public string Source { get; set; } = "parameters";

        /// <summary>No field is given: as a change, it asks for nothing.</summary>
        public bool IsEmpty => !Given.Any();

        /// <summary>Set by <see cref="OAuthClientValidator.Check"/>: the values are wire values within Qlik's limits.</summary>
        internal bool IsChecked { get; private set; }

        /// <summary>
        /// Set by <see cref="OAuthClientValidator.Check"/> when AuthorizationCode was given as a grant type (it is no wire
        /// grant, see <see cref="ClientVocabulary.AuthorizationCode"/>): the client signs people in, so it needs a redirect URI.
        /// </summary>
        internal bool SignsIn { get; set; }

        /// <summary>The fields given, in table order.</summary>
        internal IEnumerable<ClientField> Given => ClientFields.All.Where(row => row.IsIn(this));

        /// <summary>The patched fields given: what a JSON Patch of this definition holds.</summary>
        internal IEnumerable<ClientField> Patched => Given.Where(row => row.Role == FieldRole.Patched);

        /// <summary>
        /// The definition of a client read from a tenant: every field, empty where the client has none. Refuses what a
        /// copy could not carry faithfully (see <see cref="DefinitionGap"/>).
        /// </summary>
        public static ClientDefinition Of(OAuthClient client, string? consentMethod, bool includeId = false)
        {
            CheckCarried(client.ClientId, client.ClientName, client.AppType, client.PublicKeyIds.Count, client.PublicKeys.Count);
            var definition = new ClientDefinition { ClientId = includeId ? client.ClientId : null, Source = client.ClientId };
            foreach (ClientField field in ClientFields.All)
            {
                definition.Set(field, field.Current(client));
            }

            definition.ConsentMethod = ClientVocabulary.ConsentMethod(consentMethod ?? string.Empty) ?? ClientVocabulary.RequiredConsent;
            return definition;
        }

        /// <summary>
        /// Refuses a client a copy would change (see <see cref="DefinitionGap"/>): another app type, or fewer readable
        /// keys than registered kids (a key dropped silently would leave the copy unable to authenticate as the source does).
        /// </summary>
        public static void CheckCarried(string? clientId, string? clientName, string? appType, int registeredKeyCount, int readableKeyCount)
        {
            DefinitionGap? gap = DefinitionGap.Of(appType, registeredKeyCount, readableKeyCount);
            if (gap is null)
            {
                return;
            }

            string advice = gap.ErrorId == ClientErrors.UnsupportedAppType
                ? "so it cannot be copied. Create it in the management console."
                : "a copy would lose the others. Give the keys the copy should have with -PublicKey (it replaces the piped ones), reading the others from the client's RawJson.";
            throw ClientErrors.Invalid(gap.ErrorId, $"The client '{clientName}'{(clientId is null ? string.Empty : $" ({clientId})")} cannot be described: {gap.Reason}; {advice}", clientId);
        }

        public override string ToString() => $"definition of '{ClientName}' ({Source})";

        internal object? Get(ClientField field) => _values.TryGetValue(field, out object? value) ? value : null;

        internal void Set(ClientField field, object? value)
        {
            if (value is null)
            {
                _values.Remove(field);
            }
            else
            {
                _values[field] = value;
            }
        }

        /// <summary>A copy holding only the given fields (all when null), marked checked or not.</summary>
        internal ClientDefinition With(IEnumerable<ClientField>? fields = null, bool isChecked = false)
        {
            var copy = new ClientDefinition { ClientId = ClientId, Source = Source, IsChecked = isChecked, SignsIn = SignsIn };
            foreach (ClientField field in fields ?? Given)
            {
                copy.Set(field, Get(field));
            }

            return copy;
        }
    }
}
