using System.Text.Json;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Clients
{
    /// <summary>The JSON the oauth-clients endpoints take, made by walking <see cref="ClientFields"/>: a create object, or a JSON Patch array (always an array).</summary>
    internal static class ClientRequestBody
    {
        /// <param name="definition">Checked for a create (every field given).</param>
        public static string ForCreate(ClientDefinition definition) => JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (ClientField field in ClientFields.All)
            {
                if (field.Role != FieldRole.OwnCall)
                {
                    field.WriteCreate(writer, definition);
                }
            }

            // trusted is the only consent method Qlik takes at creation; required is the default.
            if (definition.ConsentMethod == ClientVocabulary.TrustedConsent)
            {
                writer.WriteStartObject("connectionConfig");
                writer.WriteString("consentMethod", ClientVocabulary.TrustedConsent);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });

        /// <summary>One operation per patched field given: replace sets a member whether or not it was there before.</summary>
        public static string ForPatch(ClientDefinition changes) => JsonText.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (ClientField field in changes.Patched)
            {
                field.WritePatch(writer, changes);
            }

            writer.WriteEndArray();
        });

        public static string ForConsent(string consentMethod) => JsonText.Write(writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("op", "replace");
            writer.WriteString("path", "/consentMethod");
            writer.WriteString("value", consentMethod);
            writer.WriteEndObject();
            writer.WriteEndArray();
        });
    }
}
