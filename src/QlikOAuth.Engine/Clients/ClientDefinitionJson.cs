using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// A client definition as text that diffs well in git: members sorted by name (JWK members too), two-space
    /// indentation, LF line ends and a final LF, every member written (null or [] when unset) so a field appears in a
    /// diff when it is set. Member names are Qlik's wire names, the rows of <see cref="ClientFields"/>. Reading is
    /// strict: an unknown schemaVersion or member, or a member of the wrong type, is refused with the source and the
    /// member named. A definition read from a file is whole: a member it leaves out means "none".
    /// </summary>
    public static class ClientDefinitionJson
    {
        private const string SchemaVersionMember = "schemaVersion";
        private const string ClientIdMember = "clientId";

        private static readonly HashSet<string> KnownMembers = new HashSet<string>(
            ClientFields.All.Select(field => field.Name).Concat(new[] { ClientIdMember, SchemaVersionMember }),
            StringComparer.Ordinal);

        public static string Write(ClientDefinition definition)
        {
            var members = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
            {
                [SchemaVersionMember] = writer => writer.WriteNumberValue(ClientDefinition.CurrentSchemaVersion),
            };
            foreach (ClientField field in ClientFields.All)
            {
                members[field.Name] = writer => field.WriteDefinition(writer, definition);
            }

            if (definition.ClientId != null)
            {
                members[ClientIdMember] = writer => writer.WriteStringValue(definition.ClientId);
            }

            string text = JsonText.WriteIndented(writer =>
            {
                writer.WriteStartObject();
                foreach (KeyValuePair<string, Action<Utf8JsonWriter>> member in members)
                {
                    writer.WritePropertyName(member.Key);
                    member.Value(writer);
                }

                writer.WriteEndObject();
            });
            return text + "\n";
        }

        /// <param name="source">Named in every error: the file, or the pipeline position.</param>
        public static ClientDefinition Read(string text, string source)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text ?? string.Empty);
            }
            catch (JsonException error)
            {
                throw Invalid(source, null, $"is not JSON ({error.Message})");
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(source, null, "must be a JSON object");
                }

                CheckSchemaVersion(root, source);
                foreach (JsonProperty property in root.EnumerateObject())
                {
                    if (!KnownMembers.Contains(property.Name))
                    {
                        throw Invalid(source, property.Name, $"is not a member of a client definition; known members: {string.Join(", ", KnownMembers.OrderBy(name => name, StringComparer.Ordinal))}");
                    }
                }

                var definition = new ClientDefinition { Source = source };
                foreach (ClientField field in ClientFields.All)
                {
                    definition.Set(field, field.ReadDefinition(root, source));
                }

                if (root.TryGetProperty(ClientIdMember, out JsonElement id) && id.ValueKind != JsonValueKind.Null)
                {
                    definition.ClientId = id.ValueKind == JsonValueKind.String ? id.GetString() : throw ClientField.WrongType(source, ClientIdMember, "a string or null", id);
                }
                if (string.IsNullOrWhiteSpace(definition.ClientName))
                {
                    throw Invalid(source, "clientName", "is required: the client's name, which Import and Sync match clients by");
                }

                // A file holds wire values only, so that the text of two equal clients is equal.
                if (ClientVocabulary.ConsentMethod(definition.ConsentMethod!) != definition.ConsentMethod)
                {
                    throw Invalid(source, "consentMethod", $"is '{definition.ConsentMethod}'; use \"trusted\" or \"required\"");
                }

                if (AppTypeRules.Of(definition.AppType) is null)
                {
                    throw new QlikValidationException(
                        ClientErrors.UnsupportedAppType,
                        $"{source}: appType '{definition.AppType}' is not one this module knows; use web, native, spa or anonymous-embed.",
                        source);
                }

                return definition;
            }
        }

        private static void CheckSchemaVersion(JsonElement root, string source)
        {
            if (!root.TryGetProperty(SchemaVersionMember, out JsonElement version))
            {
                throw Invalid(source, SchemaVersionMember, $"is required (this module writes and reads schemaVersion {ClientDefinition.CurrentSchemaVersion})");
            }

            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number) || number != ClientDefinition.CurrentSchemaVersion)
            {
                throw new QlikValidationException(
                    ClientErrors.DefinitionSchemaUnsupported,
                    $"{source}: schemaVersion {version.GetRawText()} is not one this module reads (it reads {ClientDefinition.CurrentSchemaVersion}). Export the client again with this module's version, or update the module.",
                    source);
            }
        }

        private static QlikValidationException Invalid(string source, string? member, string problem) =>
            new QlikValidationException(
                ClientErrors.DefinitionInvalid,
                member is null ? $"{source} {problem}." : $"{source}: member '{member}' {problem}.",
                source);
    }
}
