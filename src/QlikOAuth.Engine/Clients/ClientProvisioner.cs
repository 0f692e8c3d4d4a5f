using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Puts a client on a tenant the way a re-runnable provisioning script needs: refuses a name that exists (unless
    /// duplicates are allowed), creates, then settles the consent method against the tenant's own answer. One place
    /// for New-QlikOAuthClient today and for copying, importing or syncing clients between tenants later.
    /// </summary>
    public sealed class ClientProvisioner
    {
        private readonly OAuthClientsApi _api;

        public ClientProvisioner(OAuthClientsApi api) => _api = api;

        /// <summary>
        /// The client a create would make, for a dry run (-WhatIf). Its ClientId names it as not created, and is no
        /// valid id, so a real call made with the preview by mistake is refused instead of acting on another client.
        /// </summary>
        public static OAuthClient Preview(OAuthClientSpec spec) => new OAuthClient
        {
            ClientId = $"(not created: {spec.ClientName})",
            ClientName = spec.ClientName,
            Description = spec.Description,
            AppType = ClientVocabulary.WebAppType,
            ClientUri = spec.ClientUri,
            LogoUri = spec.LogoUri,
            RedirectUris = spec.RedirectUris.ToList(),
            AllowedOrigins = spec.AllowedOrigins.ToList(),
            AllowedScopes = spec.AllowedScopes.ToList(),
            AllowedGrantTypes = spec.AllowedGrantTypes.ToList(),
            AllowedAuthMethods = spec.EffectiveAuthMethods.ToList(),
            PublicKeyIds = spec.PublicKeys.Select(key => key.Kid).ToList(),
            PublicKeys = spec.PublicKeys.ToList(),
        };

        /// <summary>Creates the client; with <paramref name="allowDuplicateName"/> false, a client of that name is a Conflict first.</summary>
        public async Task<CreatedOAuthClient> CreateAsync(OAuthClientSpec spec, bool allowDuplicateName, CancellationToken cancellationToken)
        {
            if (!allowDuplicateName)
            {
                IReadOnlyList<OAuthClient> existing = await _api.FindByNameAsync(spec.ClientName, cancellationToken).ConfigureAwait(false);
                if (existing.Count > 0)
                {
                    throw new QlikOAuthException(
                        ClientErrors.ClientNameExists,
                        QlikErrorKind.Conflict,
                        $"An OAuth client named '{spec.ClientName}' exists already: {string.Join(", ", existing.Select(client => client.ClientId))}. Use it (Get-QlikOAuthClient -ClientId {existing[0].ClientId}), remove it, or add -AllowDuplicateName.",
                        existing[0].ClientId);
                }
            }

            return await _api.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The consent method in force, read from connection-configs/me (the tenant's authority on it). When Trusted
        /// was asked and the tenant did not apply it with the create, it is set with the consent PATCH.
        /// </summary>
        public async Task<string?> SettleConsentAsync(string clientId, bool trusted, CancellationToken cancellationToken)
        {
            string? consent = await _api.GetConsentMethodAsync(clientId, cancellationToken).ConfigureAwait(false);
            if (trusted && !string.Equals(consent, ClientVocabulary.TrustedConsent, StringComparison.OrdinalIgnoreCase))
            {
                consent = await _api.SetConsentMethodAsync(clientId, ClientVocabulary.TrustedConsent, cancellationToken).ConfigureAwait(false);
            }

            return consent;
        }
    }
}
