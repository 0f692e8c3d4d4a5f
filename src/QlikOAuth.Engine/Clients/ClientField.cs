using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>Where a field goes besides the definition file.</summary>
    internal enum FieldRole
    {
        /// <summary>In the create body and, when it differs, in the JSON Patch.</summary>
        Patched,

        /// <summary>In the create body only: Qlik has no patch path for it (appType).</summary>
        CreateOnly,

        /// <summary>Set by a call of its own after the create or patch (consentMethod, connection-configs/me).</summary>
        OwnCall,
    }

    /// <summary>
    /// One field of a client, one row of <see cref="ClientFields"/>: its wire name (the definition member, the create
    /// member and the patch path), how it is checked, written, read and compared. Adding a field Qlik ships is one row
    /// there and one property on <see cref="ClientDefinition"/> and <see cref="OAuthClient"/>.
    /// </summary>
    internal abstract class ClientField
    {
        protected ClientField(string name, FieldRole role)
        {
            Name = name;
            Role = role;
        }

        /// <summary>The wire name: definition member, create member, and patch path after a slash.</summary>
        public string Name { get; }

        public FieldRole Role { get; }

        public abstract bool IsIn(ClientDefinition definition);

        /// <summary>The value in a definition file: the value, or null / [] when absent.</summary>
        public abstract void WriteDefinition(Utf8JsonWriter writer, ClientDefinition definition);

        /// <summary>The value of a definition file's member (absent or null: the field's "none"); refuses a member of the wrong type.</summary>
        public abstract object ReadDefinition(JsonElement root, string source);

        /// <summary>The member of a create body; nothing when the value is absent or empty text.</summary>
        public abstract void WriteCreate(Utf8JsonWriter writer, ClientDefinition definition);

        /// <summary>The JSON Patch operation that sets the field to the definition's value (an empty text removes it).</summary>
        public abstract void WritePatch(Utf8JsonWriter writer, ClientDefinition definition);

        /// <summary>The value checked and rewritten to wire values; throws a validation error with the field's id.</summary>
        public abstract object Check(object value);

        /// <summary>The tenant's value, as a definition holds it (absent text is empty text).</summary>
        public abstract object Current(OAuthClient client);

        /// <summary>Whether the wanted value differs from the tenant's, and how to show both.</summary>
        public abstract FieldChange? Compare(object wanted, object current, OAuthClient client);

        internal static QlikValidationException WrongType(string source, string member, string expected, JsonElement value) =>
            new QlikValidationException(
                ClientErrors.DefinitionInvalid,
                $"{source}: member '{member}' must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}.",
                source);

        protected static JsonElement? Member(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : (JsonElement?)null;

        protected static string Show(string value) => value.Length == 0 ? "(none)" : value;

        protected static string Show(IEnumerable<string> values)
        {
            List<string> sorted = values.OrderBy(value => value, StringComparer.Ordinal).ToList();
            return sorted.Count == 0 ? "(none)" : string.Join(", ", sorted);
        }
    }

    /// <summary>A text field. Empty text means "none": written as null, left out of a create, removed by a patch.</summary>
    internal sealed class TextField : ClientField
    {
        private readonly Func<string, string> _check;
        private readonly Func<OAuthClient, string?> _current;
        private readonly string _fileDefault;

        /// <param name="fileDefault">What a definition file without the member means ("" for none).</param>
        public TextField(string name, FieldRole role, Func<string, string> check, Func<OAuthClient, string?> current, string fileDefault = "")
            : base(name, role)
        {
            _check = check;
            _current = current;
            _fileDefault = fileDefault;
        }

        public string? Of(ClientDefinition definition) => (string?)definition.Get(this);

        public override bool IsIn(ClientDefinition definition) => Of(definition) != null;

        public override void WriteDefinition(Utf8JsonWriter writer, ClientDefinition definition)
        {
            string? value = Of(definition);
            if (string.IsNullOrEmpty(value))
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }

        public override object ReadDefinition(JsonElement root, string source)
        {
            JsonElement? value = Member(root, Name);
            if (value is null)
            {
                return _fileDefault;
            }

            return value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : throw WrongType(source, Name, "a string or null", value.Value);
        }

        public override void WriteCreate(Utf8JsonWriter writer, ClientDefinition definition)
        {
            if (!string.IsNullOrEmpty(Of(definition)))
            {
                writer.WriteString(Name, Of(definition));
            }
        }

        public override void WritePatch(Utf8JsonWriter writer, ClientDefinition definition)
        {
            string value = Of(definition)!;
            writer.WriteStartObject();
            // Qlik refuses an empty URL: "none" is a remove (only a field the client has is ever cleared, see ClientDrift).
            writer.WriteString("op", value.Length == 0 ? "remove" : "replace");
            writer.WriteString("path", "/" + Name);
            if (value.Length > 0)
            {
                writer.WriteString("value", value);
            }

            writer.WriteEndObject();
        }

        public override object Check(object value) => _check((string)value);

        public override object Current(OAuthClient client) => _current(client) ?? string.Empty;

        public override FieldChange? Compare(object wanted, object current, OAuthClient client) =>
            string.Equals((string)wanted, (string)current, StringComparison.Ordinal) ? null : new FieldChange(Name, Show((string)current), Show((string)wanted));
    }

    /// <summary>A list of strings. It replaces the whole list; an empty list clears it. Compared as a set: the tenant's order carries no meaning.</summary>
    internal sealed class ListField : ClientField
    {
        private readonly Func<IReadOnlyList<string>, IReadOnlyList<string>> _check;
        private readonly Func<OAuthClient, IReadOnlyList<string>> _current;

        public ListField(string name, Func<IReadOnlyList<string>, IReadOnlyList<string>> check, Func<OAuthClient, IReadOnlyList<string>> current)
            : base(name, FieldRole.Patched)
        {
            _check = check;
            _current = current;
        }

        public IReadOnlyList<string>? Of(ClientDefinition definition) => (IReadOnlyList<string>?)definition.Get(this);

        public override bool IsIn(ClientDefinition definition) => Of(definition) != null;

        public override void WriteDefinition(Utf8JsonWriter writer, ClientDefinition definition) =>
            Strings(writer, (Of(definition) ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).OrderBy(value => value, StringComparer.Ordinal));

        public override object ReadDefinition(JsonElement root, string source)
        {
            JsonElement? value = Member(root, Name);
            if (value is null)
            {
                return Array.Empty<string>();
            }

            if (value.Value.ValueKind != JsonValueKind.Array || value.Value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
            {
                throw WrongType(source, Name, "an array of strings", value.Value);
            }

            return value.Value.EnumerateArray().Select(item => item.GetString()!).ToList();
        }

        public override void WriteCreate(Utf8JsonWriter writer, ClientDefinition definition)
        {
            if (Of(definition) is IReadOnlyList<string> values)
            {
                writer.WritePropertyName(Name);
                Strings(writer, values);
            }
        }

        public override void WritePatch(Utf8JsonWriter writer, ClientDefinition definition)
        {
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", "/" + Name);
            writer.WritePropertyName("value");
            Strings(writer, Of(definition)!);
            writer.WriteEndObject();
        }

        public override object Check(object value) => _check((IReadOnlyList<string>)value);

        public override object Current(OAuthClient client) => _current(client);

        public override FieldChange? Compare(object wanted, object current, OAuthClient client)
        {
            var left = (IReadOnlyList<string>)wanted;
            var right = (IReadOnlyList<string>)current;
            return new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right) ? null : new FieldChange(Name, Show(right), Show(left));
        }

        private static void Strings(Utf8JsonWriter writer, IEnumerable<string> values)
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>The registered public keys, as JWKs; compared by their JWK, shown by kid.</summary>
    internal sealed class KeysField : ClientField
    {
        public KeysField(string name)
            : base(name, FieldRole.Patched)
        {
        }

        public IReadOnlyList<PublicJwk>? Of(ClientDefinition definition) => (IReadOnlyList<PublicJwk>?)definition.Get(this);

        public override bool IsIn(ClientDefinition definition) => Of(definition) != null;

        public override void WriteDefinition(Utf8JsonWriter writer, ClientDefinition definition) =>
            Keys(writer, (Of(definition) ?? Array.Empty<PublicJwk>()).OrderBy(key => key.Kid, StringComparer.Ordinal), sortMembers: true);

        public override object ReadDefinition(JsonElement root, string source)
        {
            JsonElement? value = Member(root, Name);
            if (value is null)
            {
                return Array.Empty<PublicJwk>();
            }

            if (value.Value.ValueKind != JsonValueKind.Array)
            {
                throw WrongType(source, Name, "an array of public JWK objects", value.Value);
            }

            var keys = new List<PublicJwk>();
            int index = 0;
            foreach (JsonElement jwk in value.Value.EnumerateArray())
            {
                string member = $"{Name}[{index++}]";
                if (jwk.ValueKind != JsonValueKind.Object)
                {
                    throw WrongType(source, member, "a public JWK object", jwk);
                }

                try
                {
                    string? kid = jwk.TryGetProperty("kid", out JsonElement kidValue) && kidValue.ValueKind == JsonValueKind.String ? kidValue.GetString() : null;
                    keys.Add(PublicKeyReader.Read(jwk.GetRawText(), kid));
                }
                catch (QlikOAuthException error)
                {
                    throw new QlikValidationException(ClientErrors.DefinitionInvalid, $"{source}: member '{member}' is not a key this module can register: {error.Message}.", source);
                }
            }

            return keys;
        }

        // Sent only when there are keys, as the console does: a client without keys has no publicKeys member.
        public override void WriteCreate(Utf8JsonWriter writer, ClientDefinition definition)
        {
            if (Of(definition) is IReadOnlyList<PublicJwk> keys && keys.Count > 0)
            {
                writer.WritePropertyName(Name);
                Keys(writer, keys, sortMembers: false);
            }
        }

        public override void WritePatch(Utf8JsonWriter writer, ClientDefinition definition)
        {
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", "/" + Name);
            writer.WritePropertyName("value");
            Keys(writer, Of(definition)!, sortMembers: false);
            writer.WriteEndObject();
        }

        public override object Check(object value) => OAuthClientValidator.Keys((IReadOnlyList<PublicJwk>)value);

        public override object Current(OAuthClient client) => client.PublicKeys;

        public override FieldChange? Compare(object wanted, object current, OAuthClient client)
        {
            var keys = (IReadOnlyList<PublicJwk>)wanted;
            // A key the module cannot read is in PublicKeyIds only: a client with one never matches, so it is replaced.
            bool same = client.PublicKeyIds.Count == client.PublicKeys.Count
                && new HashSet<string>(keys.Select(key => key.ToJson()), StringComparer.Ordinal).SetEquals(client.PublicKeys.Select(key => key.ToJson()));
            return same ? null : new FieldChange(Name, Show(client.PublicKeyIds), Show(keys.Select(key => key.Kid)));
        }

        private static void Keys(Utf8JsonWriter writer, IEnumerable<PublicJwk> keys, bool sortMembers)
        {
            writer.WriteStartArray();
            foreach (PublicJwk key in keys)
            {
                writer.WriteStartObject();
                IEnumerable<KeyValuePair<string, string>> members = key.ToDictionary();
                foreach (KeyValuePair<string, string> member in sortMembers ? members.OrderBy(member => member.Key, StringComparer.Ordinal) : members)
                {
                    writer.WriteString(member.Key, member.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }
}
