using System;
using System.Collections.Generic;
using System.Linq;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>One field that differs: its name as in a definition, and the old and new values as text.</summary>
    public sealed class FieldChange(string field, string oldValue, string newValue)
    {
        public string Field { get; } = field;
        public string OldValue { get; } = oldValue;
        public string NewValue { get; } = newValue;

        public override string ToString() => $"{Field}: {OldValue} -> {NewValue}";
    }

    /// <summary>
    /// What must change on a client for it to match what was asked: the asked fields narrowed to those that differ
    /// from the tenant's state (the JSON Patch), and the consent method when that differs (its own call). Empty:
    /// nothing is sent. Each field compares by its row of <see cref="ClientFields"/>: lists as sets (the tenant keeps
    /// the order it was given, which carries no meaning), keys by their JWK, an empty text as "none".
    /// </summary>
    public sealed class ClientDrift
    {
        private ClientDrift(ClientDefinition changes, string? consentMethod, IReadOnlyList<FieldChange> fields)
        {
            Changes = changes;
            ConsentMethod = consentMethod;
            Fields = fields;
        }

        /// <summary>The patched fields that differ; none when only consent (or nothing) differs.</summary>
        public ClientDefinition Changes { get; }

        /// <summary>The consent method to set, or null when it is as asked.</summary>
        public string? ConsentMethod { get; }

        public IReadOnlyList<FieldChange> Fields { get; }

        public bool IsEmpty => Fields.Count == 0;

        /// <summary>Whether the patch part has anything to send.</summary>
        internal bool HasPatch => Changes.Patched.Any();

        /// <param name="wanted">A checked definition (wire values); fields not given are not asked about.</param>
        /// <param name="currentConsent">The tenant's consent method for the client; asked about only when the definition gives one.</param>
        public static ClientDrift Between(ClientDefinition wanted, OAuthClient current, string? currentConsent)
        {
            var fields = new List<FieldChange>();
            var differing = new List<ClientField>();
            foreach (ClientField field in wanted.Patched)
            {
                if (field.Compare(wanted.Get(field)!, current) is FieldChange change)
                {
                    fields.Add(change);
                    differing.Add(field);
                }
            }

            string? consent = null;
            if (wanted.ConsentMethod != null && !string.Equals(wanted.ConsentMethod, currentConsent, StringComparison.OrdinalIgnoreCase))
            {
                consent = wanted.ConsentMethod;
                fields.Add(new FieldChange(ClientFields.ConsentMethod.Name, string.IsNullOrEmpty(currentConsent) ? "(none)" : currentConsent!, consent));
            }

            return new ClientDrift(wanted.With(differing, isChecked: true), consent, fields);
        }
    }
}
