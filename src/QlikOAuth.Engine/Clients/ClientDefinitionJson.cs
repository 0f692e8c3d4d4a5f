using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Json;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// A client definition as text that diffs well in git: members sorted by name (JWK members too), two-space
    /// indentation, LF line ends and a final LF, every member written (null or [] when unset) so a field appears in a
    /// diff when it is set. Member names are Qlik's wire names. Reading is strict: an unknown schemaVersion or member,
    /// or a member of the wrong type, is refused with the source and the member named.
    /// </summary>
    public static class ClientDefinitionJson
    {
        private const string SchemaVersionMember = "schemaVersion";
        private const string ClientIdMember = "clientId";

        private static readonly string[] TextMembers = { "clientUri", "description", "jwksUri", "logoUri" };
        private static readonly string[] ListMembers = { "allowedAuthMethods", "allowedGrantTypes", "allowedOrigins", "allowedScopes", "redirectUris" };
        private static readonly HashSet<string> KnownMembers = new HashSet<string>(
            TextMembers.Concat(ListMembers).Concat(new[] { "appType", ClientIdMember, "clientName", "consentMethod", "publicKeys", SchemaVersionMember }),
            StringComparer.Ordinal);

        public static string Write(ClientDefinition definition)
        {
            var members = new SortedDictionary<string, Action<Utf8JsonWriter>>(StringComparer.Ordinal)
            {
                ["allowedAuthMethods"] = writer => Strings(writer, definition.AllowedAuthMethods),
                ["allowedGrantTypes"] = writer => Strings(writer, definition.AllowedGrantTypes),
                ["allowedOrigins"] = writer => Strings(writer, definition.AllowedOrigins),
                ["allowedScopes"] = writer => Strings(writer, definition.AllowedScopes),
                ["appType"] = writer => writer.WriteStringValue(ClientVocabulary.WebAppType),
                ["clientName"] = writer => writer.WriteStringValue(definition.ClientName),
                ["clientUri"] = writer => TextOrNull(writer, definition.ClientUri),
                ["consentMethod"] = writer => writer.WriteStringValue(definition.ConsentMethod),
                ["description"] = writer => TextOrNull(writer, definition.Description),
                ["jwksUri"] = writer => TextOrNull(writer, definition.JwksUri),
                ["logoUri"] = writer => TextOrNull(writer, definition.LogoUri),
                ["publicKeys"] = writer => Keys(writer, definition.PublicKeys),
                ["redirectUris"] = writer => Strings(writer, definition.RedirectUris),
                [SchemaVersionMember] = writer => writer.WriteNumberValue(ClientDefinition.CurrentSchemaVersion),
            };
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

                string appType = Text(root, "appType", source) ?? ClientVocabulary.WebAppType;
                string? clientName = Text(root, "clientName", source);
                if (string.IsNullOrWhiteSpace(clientName))
                {
                    throw Invalid(source, "clientName", "is required: the client's name, which Import and Sync match clients by");
                }

                if (appType != ClientVocabulary.WebAppType)
                {
                    throw new QlikValidationException(
                        ClientErrors.UnsupportedAppType,
                        $"{source}: appType '{appType}' is not one this module creates; it creates web (machine-to-machine) clients only.",
                        source);
                }

                IReadOnlyList<PublicJwk> keys = ReadKeys(root, source);
                return new ClientDefinition(
                    clientName!,
                    Text(root, "description", source),
                    Text(root, "clientUri", source),
                    Text(root, "logoUri", source),
                    List(root, "redirectUris", source),
                    List(root, "allowedOrigins", source),
                    List(root, "allowedScopes", source),
                    List(root, "allowedGrantTypes", source),
                    List(root, "allowedAuthMethods", source),
                    keys,
                    Text(root, "jwksUri", source),
                    Consent(root, source),
                    Text(root, ClientIdMember, source),
                    source);
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

        private static string Consent(JsonElement root, string source)
        {
            string? consent = Text(root, "consentMethod", source);
            if (consent is null)
            {
                return ClientVocabulary.RequiredConsent;
            }

            return ClientVocabulary.ConsentMethod(consent) is string wire && wire == consent
                ? wire
                : throw Invalid(source, "consentMethod", $"is '{consent}'; use \"trusted\" or \"required\"");
        }

        private static string? Text(JsonElement root, string name, string source)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Invalid(source, name, $"must be a string or null, not {Kind(value)}");
        }

        private static IReadOnlyList<string> List(JsonElement root, string name, string source)
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return Array.Empty<string>();
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
            {
                throw Invalid(source, name, $"must be an array of strings, not {Kind(value)}");
            }

            return value.EnumerateArray().Select(item => item.GetString()!).ToList();
        }

        private static IReadOnlyList<PublicJwk> ReadKeys(JsonElement root, string source)
        {
            if (!root.TryGetProperty("publicKeys", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return Array.Empty<PublicJwk>();
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(source, "publicKeys", $"must be an array of public JWK objects, not {Kind(value)}");
            }

            var keys = new List<PublicJwk>();
            int index = 0;
            foreach (JsonElement jwk in value.EnumerateArray())
            {
                string member = $"publicKeys[{index++}]";
                if (jwk.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(source, member, $"must be a public JWK object, not {Kind(jwk)}");
                }

                try
                {
                    string? kid = jwk.TryGetProperty("kid", out JsonElement kidValue) && kidValue.ValueKind == JsonValueKind.String ? kidValue.GetString() : null;
                    keys.Add(PublicKeyReader.Read(jwk.GetRawText(), kid));
                }
                catch (QlikOAuthException error)
                {
                    throw Invalid(source, member, $"is not a key this module can register: {error.Message}");
                }
            }

            return keys;
        }

        private static QlikValidationException Invalid(string source, string? member, string problem) =>
            new QlikValidationException(
                ClientErrors.DefinitionInvalid,
                member is null ? $"{source} {problem}." : $"{source}: member '{member}' {problem}.",
                source);

        private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

        private static void TextOrNull(Utf8JsonWriter writer, string? value)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
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

        private static void Keys(Utf8JsonWriter writer, IEnumerable<PublicJwk> keys)
        {
            writer.WriteStartArray();
            foreach (PublicJwk key in keys)
            {
                writer.WriteStartObject();
                foreach (KeyValuePair<string, string> member in key.ToDictionary().OrderBy(member => member.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(member.Key, member.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }
}
