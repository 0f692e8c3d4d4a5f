using System.Collections.Generic;
using System.Text.Json;
using QlikOAuth.Engine.Json;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>The JSON the oauth-clients endpoints take: a create object, or a JSON Patch array (always an array).</summary>
    internal static class ClientRequestBody
    {
        public static string ForCreate(OAuthClientSpec spec) => JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("appType", ClientVocabulary.WebAppType);
            writer.WriteString("clientName", spec.ClientName);
            WriteIfSet(writer, "description", spec.Description);
            WriteIfSet(writer, "clientUri", spec.ClientUri);
            WriteIfSet(writer, "logoUri", spec.LogoUri);
            WriteStrings(writer, "redirectUris", spec.RedirectUris);
            WriteStrings(writer, "allowedOrigins", spec.AllowedOrigins);
            WriteStrings(writer, "allowedScopes", spec.AllowedScopes);
            WriteStrings(writer, "allowedGrantTypes", spec.AllowedGrantTypes);
            WriteStrings(writer, "allowedAuthMethods", spec.EffectiveAuthMethods);
            if (spec.PublicKeys.Count > 0)
            {
                writer.WritePropertyName("publicKeys");
                WriteKeys(writer, spec.PublicKeys);
            }

            WriteIfSet(writer, "jwksUri", spec.JwksUri);

            if (spec.Trusted)
            {
                writer.WriteStartObject("connectionConfig");
                writer.WriteString("consentMethod", ClientVocabulary.TrustedConsent);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });

        /// <summary>
        /// One replace per changed field: replace sets a member whether or not it was there before. An empty text is a
        /// remove: Qlik refuses an empty URL, and only a field the client has is ever cleared (see ClientDrift).
        /// </summary>
        public static string ForPatch(OAuthClientChanges changes) => JsonText.Write(writer =>
        {
            writer.WriteStartArray();
            ReplaceText(writer, "/clientName", changes.ClientName);
            ReplaceText(writer, "/description", changes.Description);
            ReplaceText(writer, "/clientUri", changes.ClientUri);
            ReplaceText(writer, "/logoUri", changes.LogoUri);
            ReplaceStrings(writer, "/redirectUris", changes.RedirectUris);
            ReplaceStrings(writer, "/allowedOrigins", changes.AllowedOrigins);
            ReplaceStrings(writer, "/allowedScopes", changes.AllowedScopes);
            ReplaceStrings(writer, "/allowedGrantTypes", changes.AllowedGrantTypes);
            ReplaceStrings(writer, "/allowedAuthMethods", changes.AllowedAuthMethods);
            if (changes.PublicKeys != null)
            {
                StartReplace(writer, "/publicKeys");
                writer.WritePropertyName("value");
                WriteKeys(writer, changes.PublicKeys);
                writer.WriteEndObject();
            }

            ReplaceText(writer, "/jwksUri", changes.JwksUri);

            writer.WriteEndArray();
        });

        public static string ForConsent(string consentMethod) => JsonText.Write(writer =>
        {
            writer.WriteStartArray();
            ReplaceText(writer, "/consentMethod", consentMethod);
            writer.WriteEndArray();
        });

        private static void ReplaceText(Utf8JsonWriter writer, string path, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (value.Length == 0)
            {
                writer.WriteStartObject();
                writer.WriteString("op", "remove");
                writer.WriteString("path", path);
            }
            else
            {
                StartReplace(writer, path);
                writer.WriteString("value", value);
            }

            writer.WriteEndObject();
        }

        private static void ReplaceStrings(Utf8JsonWriter writer, string path, IList<string>? values)
        {
            if (values != null)
            {
                StartReplace(writer, path);
                WriteStrings(writer, "value", values);
                writer.WriteEndObject();
            }
        }

        private static void StartReplace(Utf8JsonWriter writer, string path)
        {
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", path);
        }

        private static void WriteKeys(Utf8JsonWriter writer, IEnumerable<PublicJwk> keys)
        {
            writer.WriteStartArray();
            foreach (PublicJwk key in keys)
            {
                writer.WriteStartObject();
                foreach (KeyValuePair<string, string> member in key.ToDictionary())
                {
                    writer.WriteString(member.Key, member.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }
    }
}
