using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Json;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>
    /// Reads Qlik's client JSON by hand rather than by deserializer: a field that is missing or of another type
    /// than documented becomes null or empty instead of failing the whole read (the API has changed shape before:
    /// clientSecretHint became clientSecrets[].hint).
    /// </summary>
    internal static class OAuthClientReader
    {
        internal const string SecretMember = "clientSecret";

        public static OAuthClient Read(JsonElement json, string path)
        {
            string? clientId = Text(json, "clientId") ?? Text(json, "id");
            if (json.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(clientId))
            {
                throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"{path} answered something that is not an OAuth client (no clientId).", path);
            }

            IReadOnlyList<ClientSecretInfo> secrets = SecretsOf(json);
            return new OAuthClient
            {
                ClientId = clientId!,
                ClientName = Text(json, "clientName"),
                Description = Text(json, "description"),
                AppType = Text(json, "appType"),
                ClientUri = Text(json, "clientUri"),
                LogoUri = Text(json, "logoUri"),
                RedirectUris = Strings(json, "redirectUris"),
                AllowedOrigins = Strings(json, "allowedOrigins"),
                AllowedScopes = Strings(json, "allowedScopes"),
                AllowedGrantTypes = Strings(json, "allowedGrantTypes"),
                AllowedAuthMethods = Strings(json, "allowedAuthMethods"),
                PublicKeyIds = Objects(json, "publicKeys").Select(key => Text(key, "kid")).OfType<string>().ToList(),
                PublicKeys = Objects(json, "publicKeys").Select(ReadablePublicKey).OfType<PublicJwk>().ToList(),
                JwksUri = Text(json, "jwksUri"),
                SecretHints = secrets.Select(secret => secret.Hint).ToList(),
                Secrets = secrets,
                ConsentMethod = Member(json, "connectionConfig") is JsonElement config ? Text(config, "consentMethod") : null,
                CreatedAt = Date(json, "createdAt"),
                UpdatedAt = Date(json, "updatedAt"),
                PublishedAt = Date(json, "publishedAt"),
                TenantId = Text(json, "tenantId"),
                OwnerId = Text(json, "ownerId"),
                CreatedByType = Text(json, "createdByType"),
                RawJson = WithoutSecret(json),
            };
        }

        public static string? Text(JsonElement json, string name) =>
            Member(json, name) is JsonElement value && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public static DateTimeOffset? Date(JsonElement json, string name) =>
            Text(json, name) is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date)
                ? date
                : (DateTimeOffset?)null;

        /// <summary>The key as the Keys code reads it, under its registered kid; null when it cannot be read.</summary>
        private static PublicJwk? ReadablePublicKey(JsonElement jwk)
        {
            try
            {
                return PublicKeyReader.Read(jwk.GetRawText(), Text(jwk, "kid"));
            }
            catch (QlikOAuthException)
            {
                return null;
            }
        }

        private static IReadOnlyList<ClientSecretInfo> SecretsOf(JsonElement json)
        {
            var secrets = Objects(json, "clientSecrets")
                .Where(secret => Text(secret, "hint") != null)
                .Select(secret => new ClientSecretInfo(Text(secret, "hint")!, Date(secret, "createdAt"), Text(secret, "createdBy")))
                .ToList();
            if (secrets.Count == 0 && Text(json, "clientSecretHint") is string older)
            {
                secrets.Add(new ClientSecretInfo(older, null, null));
            }

            return secrets;
        }

        private static JsonElement? Member(JsonElement json, string name) =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : (JsonElement?)null;

        private static IReadOnlyList<string> Strings(JsonElement json, string name) =>
            Member(json, name) is JsonElement array && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        private static IEnumerable<JsonElement> Objects(JsonElement json, string name) =>
            Member(json, name) is JsonElement array && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).ToList()
                : Enumerable.Empty<JsonElement>();

        /// <summary>The answer as JSON text without the one-time secret, so it can be shown or logged.</summary>
        private static string WithoutSecret(JsonElement json) => JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in json.EnumerateObject().Where(p => p.Name != SecretMember))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        });
    }
}
