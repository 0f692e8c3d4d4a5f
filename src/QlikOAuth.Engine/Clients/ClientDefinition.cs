using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// The whole configuration of one web client as code: what Export-QlikOAuthClient writes and Import- and
    /// Sync-QlikOAuthClient read (see <see cref="ClientDefinitionJson"/>). No secret, no timestamp; the client id only
    /// when asked. Lists are kept sorted so two exports of equal clients are equal text.
    /// </summary>
    public sealed class ClientDefinition
    {
        /// <summary>The format version written as schemaVersion; a definition of another version is refused.</summary>
        public const int CurrentSchemaVersion = 1;

        public string ClientName { get; }
        public string? Description { get; }
        public string? ClientUri { get; }
        public string? LogoUri { get; }
        public IReadOnlyList<string> RedirectUris { get; }
        public IReadOnlyList<string> AllowedOrigins { get; }
        public IReadOnlyList<string> AllowedScopes { get; }
        public IReadOnlyList<string> AllowedGrantTypes { get; }
        public IReadOnlyList<string> AllowedAuthMethods { get; }
        public IReadOnlyList<PublicJwk> PublicKeys { get; }
        public string? JwksUri { get; }

        /// <summary>trusted or required.</summary>
        public string ConsentMethod { get; }

        /// <summary>The client id on the tenant it was exported from, only when the export asked for it; never used to match.</summary>
        public string? ClientId { get; }

        /// <summary>Where the definition was read from (a file name, or "definition 2" of the pipeline), for messages.</summary>
        public string Source { get; }

        internal ClientDefinition(
            string clientName, string? description, string? clientUri, string? logoUri, IEnumerable<string> redirectUris, IEnumerable<string> allowedOrigins,
            IEnumerable<string> allowedScopes, IEnumerable<string> allowedGrantTypes, IEnumerable<string> allowedAuthMethods, IEnumerable<PublicJwk> publicKeys,
            string? jwksUri, string consentMethod, string? clientId, string source)
        {
            ClientName = clientName;
            Description = description;
            ClientUri = clientUri;
            LogoUri = logoUri;
            RedirectUris = Sorted(redirectUris);
            AllowedOrigins = Sorted(allowedOrigins);
            AllowedScopes = Sorted(allowedScopes);
            AllowedGrantTypes = Sorted(allowedGrantTypes);
            AllowedAuthMethods = Sorted(allowedAuthMethods);
            PublicKeys = publicKeys.OrderBy(key => key.Kid, StringComparer.Ordinal).ToList();
            JwksUri = jwksUri;
            ConsentMethod = consentMethod;
            ClientId = clientId;
            Source = source;
        }

        /// <summary>
        /// The definition of a client read from a tenant. Refuses what a copy could not carry faithfully: an app type
        /// other than web (this module creates web clients only) and a registered key this module cannot read.
        /// </summary>
        public static ClientDefinition Of(OAuthClient client, string? consentMethod, bool includeId = false)
        {
            CheckCarried(client.ClientId, client.ClientName, client.AppType, client.PublicKeyIds.Count, client.PublicKeys.Count);
            return new ClientDefinition(
                client.ClientName ?? string.Empty, client.Description, client.ClientUri, client.LogoUri, client.RedirectUris, client.AllowedOrigins,
                client.AllowedScopes, client.AllowedGrantTypes, client.AllowedAuthMethods, client.PublicKeys, client.JwksUri,
                ClientVocabulary.ConsentMethod(consentMethod ?? string.Empty) ?? ClientVocabulary.RequiredConsent,
                includeId ? client.ClientId : null,
                client.ClientId);
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

        /// <summary>What a create of this definition sends, validated: a value Qlik would refuse is refused here, before any request.</summary>
        /// <param name="allowUnknownScopes">Let scopes this module does not know through; default: refuse them as typos.</param>
        public OAuthClientSpec ToSpec(bool allowUnknownScopes = false)
        {
            var spec = new OAuthClientSpec
            {
                ClientName = ClientName,
                Description = Description,
                ClientUri = ClientUri,
                LogoUri = LogoUri,
                RedirectUris = RedirectUris.ToList(),
                AllowedOrigins = AllowedOrigins.ToList(),
                AllowedScopes = AllowedScopes.ToList(),
                AllowedGrantTypes = AllowedGrantTypes.ToList(),
                AllowedAuthMethods = AllowedAuthMethods.ToList(),
                PublicKeys = PublicKeys.ToList(),
                JwksUri = JwksUri,
                Trusted = ConsentMethod == ClientVocabulary.TrustedConsent,
                AllowUnknownScopes = allowUnknownScopes,
            };
            OAuthClientValidator.Validate(spec);
            return spec;
        }

        /// <summary>
        /// Every field as a change, validated: an absent text becomes a removal. <see cref="ClientDrift"/> keeps only
        /// what differs.
        /// </summary>
        public OAuthClientChanges ToChanges(bool allowUnknownScopes = false)
        {
            var changes = new OAuthClientChanges
            {
                ClientName = ClientName,
                Description = Description ?? string.Empty,
                ClientUri = ClientUri ?? string.Empty,
                LogoUri = LogoUri ?? string.Empty,
                RedirectUris = RedirectUris.ToList(),
                AllowedOrigins = AllowedOrigins.ToList(),
                AllowedScopes = AllowedScopes.ToList(),
                AllowedGrantTypes = AllowedGrantTypes.ToList(),
                AllowedAuthMethods = AllowedAuthMethods.ToList(),
                PublicKeys = PublicKeys.ToList(),
                JwksUri = JwksUri ?? string.Empty,
                AllowUnknownScopes = allowUnknownScopes,
            };
            OAuthClientValidator.Validate(changes);
            return changes;
        }

        public override string ToString() => $"definition of '{ClientName}' ({Source})";

        private static IReadOnlyList<string> Sorted(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).OrderBy(value => value, StringComparer.Ordinal).ToList();
    }
}
