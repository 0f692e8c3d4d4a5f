using Base64Url = System.Buffers.Text.Base64Url;
using System.Diagnostics;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using Xunit;

namespace QlikOAuth.Tests.Keys
{
    /// <summary>Shared helpers: refusal checks, passwords, a scratch folder and the openssl command line.</summary>
    internal static class KeyTestSupport
    {
        public static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        /// <summary>
        /// Asserts the refusal's id, and that its message repeats no run of 12 characters from any secret given
        /// (a PEM body, a JWK's private members), and carries no inner exception that could.
        /// </summary>
        public static QlikOAuthException AssertRefused(string errorId, Action action, params string[] secrets)
        {
            var ex = Assert.ThrowsAny<QlikOAuthException>(action);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Null(ex.InnerException);
            AssertNoKeyMaterial(ex.Message, secrets);
            return ex;
        }

        /// <summary>
        /// A secret is a PEM text (its base64 lines are checked, not the BEGIN/END or header lines), a JWK JSON (its
        /// long string values, the key numbers, are checked) or a plain value.
        /// </summary>
        public static void AssertNoKeyMaterial(string text, params string[] secrets)
        {
            foreach (var secret in secrets.SelectMany(KeyMaterialIn))
            {
                for (var i = 0; i + 12 <= secret.Length; i++)
                {
                    Assert.DoesNotContain(secret.Substring(i, 12), text, StringComparison.Ordinal);
                }
            }
        }

        private static IEnumerable<string> KeyMaterialIn(string secret)
        {
            if (secret.TrimStart().StartsWith('{'))
            {
                try
                {
                    return JsonDocument.Parse(secret).RootElement.EnumerateObject()
                        .Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length > 16)
                        .Select(p => p.Value.GetString()!)
                        .ToList();
                }
                catch (JsonException)
                {
                    // Broken JSON (a refusal test's input): checked as plain text below.
                }
            }

            return secret.Split('\n')
                .Select(line => line.Trim())
                .Where(line => !line.StartsWith("-----", StringComparison.Ordinal) && !line.Contains(':', StringComparison.Ordinal))
                .ToList();
        }

        /// <summary>A JWS split and decoded with .NET's own base64url, not the engine's.</summary>
        public static (JsonElement Header, JsonElement Payload, byte[] SigningInput, byte[] Signature) DecodeJwt(string jwt)
        {
            var parts = jwt.Split('.');
            Assert.Equal(3, parts.Length);
            return (
                JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement,
                JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement,
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                Base64Url.DecodeFromChars(parts[2]));
        }

        /// <summary>A .NET public key built from the JWK members alone, to verify signatures independently.</summary>
        public static AsymmetricAlgorithm PlatformKey(PublicJwk jwk)
        {
            if (jwk.Kty == "RSA")
            {
                var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(jwk.N), Exponent = Base64Url.DecodeFromChars(jwk.E) });
                return rsa;
            }

            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP384,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.X), Y = Base64Url.DecodeFromChars(jwk.Y) },
            });
        }

        /// <summary>Verifies a JWS signature the way a relying party would: RSASSA-PKCS1-v1_5, or ECDSA in raw r||s form.</summary>
        public static bool Verifies(AsymmetricAlgorithm publicKey, string algorithm, byte[] signingInput, byte[] signature) => algorithm switch
        {
            "RS256" => ((RSA)publicKey).VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "RS512" => ((RSA)publicKey).VerifyData(signingInput, signature, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            "ES384" => signature.Length == 96
                && ((ECDsa)publicKey).VerifyData(signingInput, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        /// <summary>Signs a throwaway assertion with the key and checks it against an independently loaded public key.</summary>
        public static void AssertSignsFor(SigningKey key, AsymmetricAlgorithm publicKey)
        {
            var signer = key.KeyId is null ? key.WithKeyId("probe") : key;
            try
            {
                var jwt = DecodeJwt(ClientAssertion.Create(signer, "client", new Uri("https://t.eu.qlikcloud.com/oauth/token"), DateTimeOffset.UtcNow));
                Assert.True(Verifies(publicKey, key.Algorithm.ToString(), jwt.SigningInput, jwt.Signature));
            }
            finally
            {
                if (!ReferenceEquals(signer, key))
                {
                    signer.Dispose();
                }
            }
        }

        /// <summary>Runs openssl (an independent implementation to check interop against) and returns stdout.</summary>
        public static string OpenSsl(string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo("openssl")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl could not be started");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {stderr}");
            return stdout.Result;
        }
    }

    /// <summary>A temporary folder per test class, removed afterwards.</summary>
    public sealed class ScratchFolder : IDisposable
    {
        public ScratchFolder()
        {
            Path = Directory.CreateTempSubdirectory("qlikoauth-keys-").FullName;
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
