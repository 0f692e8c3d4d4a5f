using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Clients
{
    /// <summary>
    /// Turns what a user passes as -PublicKey into a checked public JWK: a key object from New-QlikOAuthKey, JWK JSON
    /// text, PEM text, a hashtable or ConvertFrom-Json object of JWK members, or the path of a JWK/PEM public key file.
    /// The key checks (size, curve, algorithm, private key refused) are the Keys code's.
    /// </summary>
    internal static class PublicKeyArgument
    {
        public static PublicJwk Read(object? value, string? keyId, Func<string, string> resolvePath)
        {
            object? item = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            switch (item)
            {
                case QlikOAuthKey key:
                    return PublicKeyReader.Read(key.PublicKey, keyId);
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal) || text.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0:
                    return PublicKeyReader.Read(text, keyId);
                case string path:
                    return PublicKeyReader.ReadFile(resolvePath(path), keyId);
                case FileInfo file:
                    return PublicKeyReader.ReadFile(file.FullName, keyId);
                case IDictionary members:
                    return PublicKeyReader.FromDictionary(Members(members), keyId);
                case PSObject custom:
                    return PublicKeyReader.FromDictionary(Members(custom), keyId);
                default:
                    throw new QlikValidationException(
                        ClientErrors.UnsupportedPublicKeyInput,
                        $"-PublicKey does not take a {item?.GetType().Name ?? "null"}: give the output of New-QlikOAuthKey, a JWK as JSON or hashtable, PEM text, or the path of a public key file.");
            }
        }

        private static Dictionary<string, object?> Members(IDictionary source)
        {
            var members = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in source)
            {
                members[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = Unwrap(entry.Value);
            }

            return members;
        }

        private static Dictionary<string, object?> Members(PSObject source)
        {
            var members = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (PSPropertyInfo property in source.Properties)
            {
                members[property.Name] = Unwrap(property.Value);
            }

            return members;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
