using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>Reads entries by hand (a missing or mistyped field becomes null or off) and writes request bodies.</summary>
    internal static class CspOriginJson
    {
        public static CspOrigin Read(JsonElement json, string path)
        {
            string? id = OAuthClientReader.Text(json, "id");
            if (json.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(id))
            {
                throw new QlikOAuthException("QlikApi.InvalidResponse", QlikErrorKind.InvalidResponse, $"{path} answered something that is not a CSP origin (no id).", path);
            }

            var directives = CspDirectives.None;
            foreach ((CspDirectives directive, string field, string _) in CspDirectiveNames.All)
            {
                if (json.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.True)
                {
                    directives |= directive;
                }
            }

            return new CspOrigin
            {
                Id = id!,
                Origin = OAuthClientReader.Text(json, "origin") ?? string.Empty,
                Name = OAuthClientReader.Text(json, "name"),
                Description = OAuthClientReader.Text(json, "description"),
                Directives = directives,
                CreatedDate = OAuthClientReader.Date(json, "createdDate"),
                ModifiedDate = OAuthClientReader.Date(json, "modifiedDate"),
            };
        }

        /// <summary>Every directive is written, true or false, because a PUT replaces the whole entry.</summary>
        public static string Write(CspOriginSpec spec)
        {
            var body = new Dictionary<string, object?> { ["origin"] = spec.Origin };
            if (spec.Name != null)
            {
                body["name"] = spec.Name;
            }

            if (spec.Description != null)
            {
                body["description"] = spec.Description;
            }

            foreach ((CspDirectives directive, string field, string _) in CspDirectiveNames.All)
            {
                body[field] = (spec.Directives & directive) == directive;
            }

            return QlikJson.Serialize(body);
        }
    }
}
