using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>One field that differs: its name as in a definition, and the old and new values as text.</summary>
    public sealed class FieldChange
    {
        internal FieldChange(string field, string oldValue, string newValue)
        {
            Field = field;
            OldValue = oldValue;
            NewValue = newValue;
        }

        public string Field { get; }
        public string OldValue { get; }
        public string NewValue { get; }

        public override string ToString() => $"{Field}: {OldValue} -> {NewValue}";
    }

    /// <summary>
    /// What must change on a client for it to match what was asked: the asked changes narrowed to the fields that
    /// differ from the tenant's state, and the consent method when that differs. Empty: nothing is sent. Lists compare
    /// as sets (the tenant keeps the order it was given, which carries no meaning); keys compare by their JWK.
    /// </summary>
    public sealed class ClientDrift
    {
        private ClientDrift(OAuthClientChanges changes, string? consentMethod, IReadOnlyList<FieldChange> fields)
        {
            Changes = changes;
            ConsentMethod = consentMethod;
            Fields = fields;
        }

        /// <summary>The JSON Patch part; empty when only consent (or nothing) differs.</summary>
        public OAuthClientChanges Changes { get; }

        /// <summary>The consent method to set, or null when it is as asked.</summary>
        public string? ConsentMethod { get; }

        public IReadOnlyList<FieldChange> Fields { get; }

        public bool IsEmpty => Fields.Count == 0;

        /// <param name="wanted">Validated changes (wire values); null members are not asked about.</param>
        /// <param name="wantedConsent">trusted, required, or null when consent is not asked about.</param>
        public static ClientDrift Between(OAuthClientChanges wanted, string? wantedConsent, OAuthClient current, string? currentConsent)
        {
            var fields = new List<FieldChange>();
            var narrowed = new OAuthClientChanges { AllowUnknownScopes = wanted.AllowUnknownScopes };
            narrowed.ClientName = Text(fields, "clientName", wanted.ClientName, current.ClientName);
            narrowed.Description = Text(fields, "description", wanted.Description, current.Description);
            narrowed.ClientUri = Text(fields, "clientUri", wanted.ClientUri, current.ClientUri);
            narrowed.LogoUri = Text(fields, "logoUri", wanted.LogoUri, current.LogoUri);
            narrowed.RedirectUris = Set(fields, "redirectUris", wanted.RedirectUris, current.RedirectUris);
            narrowed.AllowedOrigins = Set(fields, "allowedOrigins", wanted.AllowedOrigins, current.AllowedOrigins);
            narrowed.AllowedScopes = Set(fields, "allowedScopes", wanted.AllowedScopes, current.AllowedScopes);
            narrowed.AllowedGrantTypes = Set(fields, "allowedGrantTypes", wanted.AllowedGrantTypes, current.AllowedGrantTypes);
            narrowed.AllowedAuthMethods = Set(fields, "allowedAuthMethods", wanted.AllowedAuthMethods, current.AllowedAuthMethods);
            narrowed.PublicKeys = Keys(fields, wanted.PublicKeys, current);
            narrowed.JwksUri = Text(fields, "jwksUri", wanted.JwksUri, current.JwksUri);
            string? consent = null;
            if (wantedConsent != null && !string.Equals(wantedConsent, currentConsent, StringComparison.OrdinalIgnoreCase))
            {
                consent = wantedConsent;
                fields.Add(new FieldChange("consentMethod", Show(currentConsent), wantedConsent));
            }

            return new ClientDrift(narrowed, consent, fields);
        }

        /// <summary>An empty wanted text means "absent", as a definition without the field does.</summary>
        private static string? Text(List<FieldChange> fields, string field, string? wanted, string? current)
        {
            if (wanted is null || string.Equals(wanted, current ?? string.Empty, StringComparison.Ordinal))
            {
                return null;
            }

            fields.Add(new FieldChange(field, Show(current), Show(wanted)));
            return wanted;
        }

        private static IList<string>? Set(List<FieldChange> fields, string field, IList<string>? wanted, IReadOnlyList<string> current)
        {
            if (wanted is null || SameSet(wanted, current))
            {
                return null;
            }

            fields.Add(new FieldChange(field, Show(current), Show(wanted.ToList())));
            return wanted;
        }

        private static IList<PublicJwk>? Keys(List<FieldChange> fields, IList<PublicJwk>? wanted, OAuthClient current)
        {
            // A key the module cannot read is in PublicKeyIds only: a client with one never matches, so it is replaced.
            bool same = wanted != null && current.PublicKeyIds.Count == current.PublicKeys.Count
                && SameSet(wanted.Select(key => key.ToJson()).ToList(), current.PublicKeys.Select(key => key.ToJson()).ToList());
            if (wanted is null || same)
            {
                return null;
            }

            fields.Add(new FieldChange("publicKeys", Show(current.PublicKeyIds), Show(wanted.Select(key => key.Kid).ToList())));
            return wanted;
        }

        private static bool SameSet(ICollection<string> left, IReadOnlyCollection<string> right) =>
            new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right);

        private static string Show(string? value) => string.IsNullOrEmpty(value) ? "(none)" : value!;

        private static string Show(IReadOnlyList<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values.OrderBy(value => value, StringComparer.Ordinal));
    }
}
