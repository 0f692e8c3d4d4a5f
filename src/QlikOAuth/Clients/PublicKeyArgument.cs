using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Clients
{
    /// <summary>
    /// Turns what a user passes as -PublicKey into a checked public JWK: a key object from New-QlikOAuthKey or a client's PublicKeys, JWK JSON
    /// text, PEM text, a hashtable or ConvertFrom-Json object of JWK members, the path of a JWK/PEM public key file, or
    /// a certificate (-PublicKey, -Certificate or -CertificatePath). The key checks (size, curve, algorithm, private key
    /// refused) are the Keys code's.
    /// </summary>
    internal static class PublicKeyArgument
    {
        /// <summary>The -PublicKey values and the key of -Certificate or -CertificatePath, in that order; null when none was given.</summary>
        public static List<PublicJwk>? ReadAll(
            object[]? publicKeys, X509Certificate2? certificate, string? certificatePath, SecureString? certificatePassword, string? keyId, Func<string, string> resolvePath)
        {
            bool hasPath = !string.IsNullOrWhiteSpace(certificatePath);
            if (publicKeys is null && certificate is null && !hasPath)
            {
                return null;
            }

            List<PublicJwk> keys = (publicKeys ?? Array.Empty<object>()).Select(value => Read(value, keyId, resolvePath)).ToList();
            if (certificate != null || hasPath)
            {
                keys.Add(CertificateKeys.ReadPublicJwk(certificate, hasPath ? resolvePath(certificatePath!) : null, certificatePassword, keyId));
            }

            return keys;
        }

        public static PublicJwk Read(object? value, string? keyId, Func<string, string> resolvePath)
        {
            object? item = value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;
            switch (item)
            {
                case QlikOAuthKey key:
                    return PublicKeyReader.Read(key.PublicKey, keyId);
                case QlikOAuthPublicKey registered:
                    return PublicKeyReader.Read(registered.Jwk, registered.KeyId);
                case X509Certificate2 certificate:
                    return CertificateKeys.ReadPublicJwk(certificate, null, null, keyId);
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
                        $"-PublicKey does not take a {item?.GetType().Name ?? "null"}: give the output of New-QlikOAuthKey, a JWK as JSON or hashtable, PEM text, a certificate, or the path of a public key file.");
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
