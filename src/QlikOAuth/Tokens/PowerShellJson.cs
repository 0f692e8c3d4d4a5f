using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Rest;

namespace QlikOAuth.Tokens
{
    /// <summary>
    /// Between PowerShell objects and the engine's plain JSON values (JsonTree), because a hosted runspace may lack
    /// ConvertTo-Json/ConvertFrom-Json. JSON objects become PSCustomObjects with their members in order.
    /// </summary>
    internal static class PowerShellJson
    {
        private const int MaxDepth = 64;

        public static object? ToPowerShell(object? value) => value switch
        {
            JsonObjectNode members => ObjectOf(members),
            List<object?> items => items.Select(ToPowerShell).ToArray(),
            _ => value,
        };

        /// <summary>Hashtables, PSCustomObjects, arrays and primitives as the engine serializes them; other objects by their properties.</summary>
        public static object? ToJsonValue(object? value, int depth = 0)
        {
            if (depth > MaxDepth)
            {
                throw new QlikValidationException("BodyTooDeep", $"The body nests deeper than {MaxDepth} levels (does it refer to itself?).");
            }

            object? plain = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            switch (plain)
            {
                case null:
                case string _:
                case ValueType _:
                case Uri _:
                    return plain;
                case PSObject custom:
                    return MembersOf(custom, depth);
                case IDictionary dictionary:
                    var node = new JsonObjectNode();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        node.Add(new KeyValuePair<string, object?>(entry.Key?.ToString() ?? string.Empty, ToJsonValue(entry.Value, depth + 1)));
                    }

                    return node;
                case IEnumerable items:
                    return items.Cast<object?>().Select(item => ToJsonValue(item, depth + 1)).ToList();
                default:
                    return MembersOf(PSObject.AsPSObject(plain), depth);
            }
        }

        private static PSObject ObjectOf(JsonObjectNode members)
        {
            var result = new PSObject();
            foreach (KeyValuePair<string, object?> member in members)
            {
                result.Properties.Add(new PSNoteProperty(member.Key, ToPowerShell(member.Value)));
            }

            return result;
        }

        private static JsonObjectNode MembersOf(PSObject source, int depth)
        {
            var node = new JsonObjectNode();
            foreach (PSPropertyInfo property in source.Properties.Where(property => property.IsGettable))
            {
                node.Add(new KeyValuePair<string, object?>(property.Name, ToJsonValue(property.Value, depth + 1)));
            }

            return node;
        }
    }
}
