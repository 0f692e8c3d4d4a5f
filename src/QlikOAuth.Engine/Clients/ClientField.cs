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
    /// there and one property on <see cref="ClientDefinition"/> and <see cref="OAuthClient"/>. What differs between
    /// texts, lists and keys is how a value is read, written and compared (the three kinds below); the rest is here.
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

        /// <summary>What a definition file without the member means: the field's "none", unless the row says otherwise.</summary>
        protected abstract object FileDefault { get; }

        public bool IsIn(ClientDefinition definition) => definition.Get(this) != null;

        /// <summary>The value in a definition file: the value, or null / [] when absent.</summary>
        public void WriteDefinition(Utf8JsonWriter writer, ClientDefinition definition) => Write(writer, definition.Get(this), inFile: true);

        /// <summary>The value of a definition file's member (absent or null: the field's default); refuses a member of the wrong type.</summary>
        public object ReadDefinition(JsonElement root, string source) =>
            root.TryGetProperty(Name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? Read(value, source) : FileDefault;

        /// <summary>The member of a create body; nothing when the value is absent or a "none" the kind leaves out.</summary>
        public void WriteCreate(Utf8JsonWriter writer, ClientDefinition definition)
        {
            if (definition.Get(this) is object value && !LeftOutOfCreate(value))
            {
                writer.WritePropertyName(Name);
                Write(writer, value, inFile: false);
            }
        }

        /// <summary>The JSON Patch operation that sets the field to the definition's value (an empty text removes it).</summary>
        public void WritePatch(Utf8JsonWriter writer, ClientDefinition definition)
        {
            object value = definition.Get(this)!;
            // Qlik refuses an empty URL: "none" is a remove (only a field the client has is ever cleared, see ClientDrift).
            bool remove = value is string text && text.Length == 0;
            writer.WriteStartObject();
            writer.WriteString("op", remove ? "remove" : "replace");
            writer.WriteString("path", "/" + Name);
            if (!remove)
            {
                writer.WritePropertyName("value");
                Write(writer, value, inFile: false);
            }

            writer.WriteEndObject();
        }

        /// <summary>The value checked and rewritten to wire values; throws a validation error with the field's id.</summary>
        public abstract object Check(object value);

        /// <summary>The tenant's value, as a definition holds it (absent text is empty text).</summary>
        public abstract object Current(OAuthClient client);

        /// <summary>Whether the wanted value differs from the tenant's, and how to show both.</summary>
        public abstract FieldChange? Compare(object wanted, OAuthClient client);

        internal static QlikValidationException WrongType(string source, string member, string expected, JsonElement value) =>
            new QlikValidationException(
                ClientErrors.DefinitionInvalid,
                $"{source}: member '{member}' must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}.",
                source);

        /// <summary>A member's value of this kind; a value of another JSON type is refused with <see cref="WrongType"/>.</summary>
        protected abstract object Read(JsonElement value, string source);

        /// <summary>The value as JSON (absent: null or []); <paramref name="inFile"/>: in the order a definition file keeps, so equal clients are equal text.</summary>
        protected abstract void Write(Utf8JsonWriter writer, object? value, bool inFile);

        protected virtual bool LeftOutOfCreate(object value) => false;

        protected static string ShowSet(IEnumerable<string> values)
        {
            List<string> sorted = values.OrderBy(value => value, StringComparer.Ordinal).ToList();
            return sorted.Count == 0 ? "(none)" : string.Join(", ", sorted);
        }
    }

    /// <summary>A field of one kind of value: its check and where a read client holds it.</summary>
    internal abstract class ClientField<T> : ClientField
        where T : class
    {
        private readonly Func<T, T> _check;
        private readonly Func<OAuthClient, T> _current;

        protected ClientField(string name, FieldRole role, Func<T, T> check, Func<OAuthClient, T> current)
            : base(name, role)
        {
            _check = check;
            _current = current;
        }

        public T? Of(ClientDefinition definition) => (T?)definition.Get(this);

        public override object Check(object value) => _check((T)value);

        public override object Current(OAuthClient client) => _current(client);

        public override FieldChange? Compare(object wanted, OAuthClient client) =>
            Same((T)wanted, client) ? null : new FieldChange(Name, ShowCurrent(client), Show((T)wanted));

        protected abstract bool Same(T wanted, OAuthClient client);

        protected abstract string Show(T value);

        protected virtual string ShowCurrent(OAuthClient client) => Show(_current(client));
    }

    /// <summary>A text field. Empty text means "none": written as null, left out of a create, removed by a patch.</summary>
    internal sealed class TextField : ClientField<string>
    {
        /// <param name="fileDefault">What a definition file without the member means ("" for none).</param>
        public TextField(string name, FieldRole role, Func<string, string> check, Func<OAuthClient, string?> current, string fileDefault = "")
            : base(name, role, check, client => current(client) ?? string.Empty) => FileDefault = fileDefault;

        protected override object FileDefault { get; }

        protected override object Read(JsonElement value, string source) =>
            value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(source, Name, "a string or null", value);

        protected override void Write(Utf8JsonWriter writer, object? value, bool inFile)
        {
            if (string.IsNullOrEmpty((string?)value))
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue((string)value!);
            }
        }

        protected override bool LeftOutOfCreate(object value) => ((string)value).Length == 0;

        protected override bool Same(string wanted, OAuthClient client) => string.Equals(wanted, (string)Current(client), StringComparison.Ordinal);

        protected override string Show(string value) => value.Length == 0 ? "(none)" : value;
    }

    /// <summary>A list of strings. It replaces the whole list; an empty list clears it. Compared as a set: the tenant's order carries no meaning.</summary>
    internal sealed class ListField : ClientField<IReadOnlyList<string>>
    {
        public ListField(string name, Func<IReadOnlyList<string>, IReadOnlyList<string>> check, Func<OAuthClient, IReadOnlyList<string>> current)
            : base(name, FieldRole.Patched, check, current)
        {
        }

        protected override object FileDefault => Array.Empty<string>();

        protected override object Read(JsonElement value, string source) =>
            value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
                ? value.EnumerateArray().Select(item => item.GetString()!).ToList()
                : throw WrongType(source, Name, "an array of strings", value);

        protected override void Write(Utf8JsonWriter writer, object? value, bool inFile)
        {
            var values = (IEnumerable<string>?)value ?? Array.Empty<string>();
            writer.WriteStartArray();
            foreach (string item in inFile ? values.Distinct(StringComparer.Ordinal).OrderBy(item => item, StringComparer.Ordinal) : values)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        protected override bool Same(IReadOnlyList<string> wanted, OAuthClient client) =>
            new HashSet<string>(wanted, StringComparer.Ordinal).SetEquals((IReadOnlyList<string>)Current(client));

        protected override string Show(IReadOnlyList<string> value) => ShowSet(value);
    }

    /// <summary>The registered public keys, as JWKs; compared by their JWK, shown by kid.</summary>
    internal sealed class KeysField : ClientField<IReadOnlyList<PublicJwk>>
    {
        public KeysField(string name)
            : base(name, FieldRole.Patched, OAuthClientValidator.Keys, client => client.PublicKeys)
        {
        }

        protected override object FileDefault => Array.Empty<PublicJwk>();

        protected override object Read(JsonElement value, string source)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw WrongType(source, Name, "an array of public JWK objects", value);
            }

            var keys = new List<PublicJwk>();
            foreach (JsonElement jwk in value.EnumerateArray())
            {
                string member = $"{Name}[{keys.Count}]";
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

        protected override void Write(Utf8JsonWriter writer, object? value, bool inFile)
        {
            var keys = (IEnumerable<PublicJwk>?)value ?? Array.Empty<PublicJwk>();
            writer.WriteStartArray();
            foreach (PublicJwk key in inFile ? keys.OrderBy(key => key.Kid, StringComparer.Ordinal) : keys)
            {
                writer.WriteStartObject();
                IEnumerable<KeyValuePair<string, string>> members = key.ToDictionary();
                foreach (KeyValuePair<string, string> member in inFile ? members.OrderBy(member => member.Key, StringComparer.Ordinal) : members)
                {
                    writer.WriteString(member.Key, member.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        // Sent only when there are keys, as the console does: a client without keys has no publicKeys member.
        protected override bool LeftOutOfCreate(object value) => ((IReadOnlyList<PublicJwk>)value).Count == 0;

        // A key the module cannot read is in PublicKeyIds only: a client with one never matches, so it is replaced.
        protected override bool Same(IReadOnlyList<PublicJwk> wanted, OAuthClient client) =>
            client.PublicKeyIds.Count == client.PublicKeys.Count
            && new HashSet<string>(wanted.Select(key => key.ToJson()), StringComparer.Ordinal).SetEquals(client.PublicKeys.Select(key => key.ToJson()));

        protected override string Show(IReadOnlyList<PublicJwk> value) => ShowSet(value.Select(key => key.Kid));

        protected override string ShowCurrent(OAuthClient client) => ShowSet(client.PublicKeyIds);
    }
}
