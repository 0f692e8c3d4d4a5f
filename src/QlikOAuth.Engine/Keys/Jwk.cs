using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// Reads JWKs (RFC 7517, RFC 7518 section 6) from JSON text or from a dictionary of members. A JWK Set with a
    /// single key is taken as that key.
    /// </summary>
    internal static class Jwk
    {
        /// <summary>Members only a private (or symmetric) JWK has (RFC 7518 sections 6.3.2, 6.2.2, 6.4.1).</summary>
        private static readonly string[] PrivateMembers = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };

        public static bool LooksLikeJson(string text) => text.TrimStart().StartsWith("{", StringComparison.Ordinal);

        public static Dictionary<string, object?> ParseJson(string text, string? path)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
                {
                    if (keys.GetArrayLength() != 1)
                    {
                        throw KeyErrors.Unreadable($"it is a JWK Set with {keys.GetArrayLength()} keys; give a single key (one element of \"keys\").", path);
                    }

                    root = keys[0];
                }

                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw KeyErrors.Unreadable("the JSON is not a JWK object.", path);
                }

                var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in root.EnumerateObject())
                {
                    if (members.ContainsKey(property.Name))
                    {
                        throw KeyErrors.Unreadable($"the JWK has the member {KeyErrors.Describe(property.Name)} twice.", path);
                    }

                    members[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.Clone();
                }

                return members;
            }
            catch (JsonException)
            {
                // The parser's message can quote the text around the error, which may be key material: not passed on.
                throw KeyErrors.Unreadable("it is not valid JSON. Check that the JWK was copied completely.", path);
            }
        }

        /// <summary>Copies a caller's dictionary (a PowerShell hashtable, parsed JSON) into ordinal JWK members.</summary>
        public static Dictionary<string, object?> FromDictionary(IDictionary<string, object?> source)
        {
            var members = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in source)
            {
                members[pair.Key] = pair.Value;
            }

            return members;
        }

        public static KeyMaterial ToMaterial(Dictionary<string, object?> members, bool expectPrivate, string? path)
        {
            var kty = GetString(members, "kty", path) ?? throw KeyErrors.Unreadable("the JWK has no \"kty\" member.", path);
            if (kty != KeyPolicy.RsaKeyType && kty != KeyPolicy.EcKeyType)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedKeyType,
                    $"The JWK's key type {KeyErrors.Describe(kty)} is not supported; Qlik Cloud takes \"RSA\" (RS256, RS512) or \"EC\" P-384 (ES384) keys.",
                    path);
            }

            var isPrivate = false;
            foreach (var name in PrivateMembers)
            {
                isPrivate |= members.TryGetValue(name, out var value) && value is not null;
            }

            if (isPrivate && !expectPrivate)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.PrivateKeyGivenAsPublic,
                    "This JWK holds a private key (it has \"d\" or other private members). Never register or share it: pass the public key, the JWK without d, p, q, dp, dq and qi.",
                    path);
            }

            if (!isPrivate && expectPrivate)
            {
                throw PublicGivenAsPrivate(path);
            }

            var material = kty == KeyPolicy.RsaKeyType ? ReadRsa(members, expectPrivate, path) : ReadEc(members, expectPrivate, path);
            material.JwkAlg = GetString(members, "alg", path);
            material.JwkKid = GetString(members, "kid", path);
            return material;
        }

        internal static Errors.QlikOAuthException PublicGivenAsPrivate(string? path) => KeyErrors.Invalid(
            KeyErrors.PublicKeyGivenAsPrivate,
            "This is a public key; signing needs the private key. Give the private key file (PEM or JWK) that this public key was made from.",
            path);

        private static KeyMaterial ReadRsa(Dictionary<string, object?> members, bool withPrivate, string? path)
        {
            var parameters = new RSAParameters
            {
                Modulus = GetBytes(members, "n", path),
                Exponent = GetBytes(members, "e", path),
            };
            if (withPrivate)
            {
                if (members.ContainsKey("oth"))
                {
                    throw KeyErrors.Unreadable("it is a multi-prime RSA key (\"oth\"), which is not supported. Generate an ordinary two-prime RSA key.", path);
                }

                foreach (var name in new[] { "p", "q", "dp", "dq", "qi" })
                {
                    if (!members.ContainsKey(name))
                    {
                        throw KeyErrors.Unreadable("the RSA JWK must have all of d, p, q, dp, dq and qi; it lacks \"" + name + "\". Export the complete private key.", path);
                    }
                }

                parameters.D = GetBytes(members, "d", path);
                parameters.P = GetBytes(members, "p", path);
                parameters.Q = GetBytes(members, "q", path);
                parameters.DP = GetBytes(members, "dp", path);
                parameters.DQ = GetBytes(members, "dq", path);
                parameters.InverseQ = GetBytes(members, "qi", path);
            }

            return KeyMaterial.ForRsa(parameters, withPrivate);
        }

        private static KeyMaterial ReadEc(Dictionary<string, object?> members, bool withPrivate, string? path)
        {
            var crv = GetString(members, "crv", path);
            if (crv != KeyPolicy.P384)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.UnsupportedCurve,
                    $"The JWK's curve is {KeyErrors.Describe(crv)}; Qlik Cloud accepts EC keys on P-384 only (ES384). Generate a P-384 key, or use RSA.",
                    path);
            }

            var x = GetBytes(members, "x", path);
            var y = GetBytes(members, "y", path);
            if (x.Length != KeyPolicy.P384CoordinateLength || y.Length != KeyPolicy.P384CoordinateLength)
            {
                throw KeyErrors.Unreadable("its \"x\" and \"y\" must be 48 bytes each for P-384 (RFC 7518 section 6.2.1.2).", path);
            }

            if (!withPrivate)
            {
                return KeyMaterial.ForP384(x, y, null);
            }

            var d = GetBytes(members, "d", path);
            try
            {
                return KeyMaterial.ForP384(x, y, KeyDer.PadScalar(d, path));
            }
            finally
            {
                SensitiveBytes.Clear(d);
            }
        }

        private static string? GetString(Dictionary<string, object?> members, string name, string? path)
        {
            if (!members.TryGetValue(name, out var value) || value is null)
            {
                return null;
            }

            return value switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                JsonElement _ => throw KeyErrors.Unreadable($"the JWK member \"{name}\" must be a string.", path),
                IEnumerable _ => throw KeyErrors.Unreadable($"the JWK member \"{name}\" must be a string.", path),
                // PowerShell hands over wrapped values (PSObject); their string form is the value itself.
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        private static byte[] GetBytes(Dictionary<string, object?> members, string name, string? path)
        {
            var text = GetString(members, name, path) ?? throw KeyErrors.Unreadable($"the JWK has no \"{name}\" member.", path);
            var bytes = Base64Url.TryDecode(text);
            if (bytes is null || bytes.Length == 0)
            {
                throw KeyErrors.Unreadable($"the JWK member \"{name}\" is not base64url (RFC 7515: the URL-safe alphabet, no padding).", path);
            }

            return bytes;
        }
    }
}
