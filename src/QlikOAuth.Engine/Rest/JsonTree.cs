using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Json;

namespace QlikOAuth.Engine.Rest
{
    /// <summary>
    /// JSON as plain .NET values, so the cmdlets can build PowerShell objects without touching System.Text.Json:
    /// an object is a <see cref="JsonObjectNode"/> (members in order), an array a List of values, numbers long or
    /// double, strings stay strings (Qlik's dates are not reinterpreted). And back: such values, dictionaries,
    /// lists and primitives to JSON text.
    /// </summary>
    public static class JsonTree
    {
        private const int MaxDepth = 64;

        public static object? FromElement(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => ObjectOf(element),
            JsonValueKind.Array => ArrayOf(element),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out long whole) ? whole : (object)element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

        public static string ToJson(object? value) => JsonText.Write(writer => Write(writer, value, 0));

        private static JsonObjectNode ObjectOf(JsonElement element)
        {
            var node = new JsonObjectNode();
            foreach (JsonProperty property in element.EnumerateObject())
            {
                node.Add(new KeyValuePair<string, object?>(property.Name, FromElement(property.Value)));
            }

            return node;
        }

        private static List<object?> ArrayOf(JsonElement element)
        {
            var items = new List<object?>(element.GetArrayLength());
            foreach (JsonElement item in element.EnumerateArray())
            {
                items.Add(FromElement(item));
            }

            return items;
        }

        private static void Write(Utf8JsonWriter writer, object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new QlikValidationException("BodyTooDeep", $"The body nests deeper than {MaxDepth} levels (does it refer to itself?).");
            }

            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case char character:
                    writer.WriteStringValue(character.ToString());
                    break;
                case Enum member:
                    writer.WriteStringValue(member.ToString());
                    break;
                case DateTime time:
                    writer.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case DateTimeOffset time:
                    writer.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                    break;
                case Guid or Uri or TimeSpan:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                case byte or sbyte or short or ushort or int or uint or long:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ulong large:
                    writer.WriteNumberValue(large);
                    break;
                case float or double:
                    writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case decimal exact:
                    writer.WriteNumberValue(exact);
                    break;
                case IEnumerable<KeyValuePair<string, object?>> members:
                    WriteObject(writer, members, depth);
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (object? item in items)
                    {
                        Write(writer, item, depth + 1);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> members, int depth)
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object?> member in members)
            {
                writer.WritePropertyName(member.Key);
                Write(writer, member.Value, depth + 1);
            }

            writer.WriteEndObject();
        }
    }
}
