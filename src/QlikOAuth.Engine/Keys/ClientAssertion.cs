using System;
using System.Collections.Generic;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// The signed JWT of private key JWT client authentication (RFC 7523 section 2.2, OpenID Connect Core 9), as
    /// Qlik Cloud checks it: header alg and kid of the registered key; iss = sub = client id; aud = the exact token
    /// URL; a fresh jti; iat; exp at most 5 minutes after iat.
    /// </summary>
    public static class ClientAssertion
    {
        public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

        /// <summary>Qlik refuses assertions that live longer.</summary>
        public static readonly TimeSpan MaximumLifetime = TimeSpan.FromMinutes(5);

        /// <summary>Long enough for clock skew and a slow request; short, since a captured assertion works until exp.</summary>
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

        /// <param name="tokenEndpoint">Absolute http(s) URL, e.g. https://tenant.eu.qlikcloud.com/oauth/token; used verbatim as aud.</param>
        /// <param name="now">The issue time (the caller's clock, so tests and retries control it).</param>
        /// <param name="lifetime">Default 60 seconds; more than 5 minutes is refused.</param>
        public static string Create(SigningKey key, string clientId, Uri tokenEndpoint, DateTimeOffset now, TimeSpan? lifetime = null)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw KeyErrors.Invalid(KeyErrors.InvalidClientId, "The client id is empty. Give the clientId of the OAuth client the key is registered with.");
            }

            if (key.KeyId is null)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.MissingKeyId,
                    "The signing key has no key id (kid), so Qlik Cloud could not tell which registered key to check. Give the kid the public key was registered with.");
            }

            var audience = CheckEndpoint(tokenEndpoint);
            var validity = lifetime ?? DefaultLifetime;
            if (validity <= TimeSpan.Zero || validity > MaximumLifetime)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.InvalidAssertionLifetime,
                    FormattableString.Invariant($"The assertion lifetime is {validity.TotalSeconds} seconds; it must be more than 0 and at most {MaximumLifetime.TotalSeconds} (Qlik Cloud's limit)."));
            }

            // JWT times are whole seconds; taking iat from the truncated time keeps exp - iat within the limit.
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
            var descriptor = new SecurityTokenDescriptor
            {
                Issuer = clientId,
                Audience = audience,
                IssuedAt = issuedAt.UtcDateTime,
                Expires = issuedAt.Add(validity).UtcDateTime,
                Claims = new Dictionary<string, object>
                {
                    [JwtRegisteredClaimNames.Sub] = clientId,
                    [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                },
            };

            // No default times (they would add nbf and use the machine clock instead of `now`).
            var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
            return key.UseSecurityKey(securityKey =>
            {
                descriptor.SigningCredentials = new SigningCredentials(securityKey, AlgorithmName(key.Algorithm))
                {
                    // IdentityModel caches signature providers per key by default, and would keep this platform key
                    // object alive (and use it after the SigningKey is disposed). A provider per assertion is cheap.
                    CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
                };
                return handler.CreateToken(descriptor);
            });
        }

        /// <summary>The token URL as the audience: absolute http(s), no trailing slash, query or fragment.</summary>
        private static string CheckEndpoint(Uri tokenEndpoint)
        {
            if (tokenEndpoint is null)
            {
                throw new ArgumentNullException(nameof(tokenEndpoint));
            }

            var text = tokenEndpoint.OriginalString;
            if (!tokenEndpoint.IsAbsoluteUri
                || (tokenEndpoint.Scheme != Uri.UriSchemeHttps && tokenEndpoint.Scheme != Uri.UriSchemeHttp)
                || text.EndsWith("/", StringComparison.Ordinal)
                || tokenEndpoint.Query.Length > 0
                || tokenEndpoint.Fragment.Length > 0)
            {
                throw KeyErrors.Invalid(
                    KeyErrors.InvalidTokenEndpoint,
                    $"The token endpoint '{text}' must be an absolute http(s) URL without a trailing slash, query or fragment, e.g. https://tenant.eu.qlikcloud.com/oauth/token: Qlik Cloud compares the assertion's aud with it exactly.",
                    text);
            }

            return text;
        }

        private static string AlgorithmName(SigningAlgorithm algorithm) => algorithm switch
        {
            SigningAlgorithm.RS512 => SecurityAlgorithms.RsaSha512,
            SigningAlgorithm.ES384 => SecurityAlgorithms.EcdsaSha384,
            _ => SecurityAlgorithms.RsaSha256,
        };
    }
}
