using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>How a client proves who it is at the token endpoint.</summary>
    public abstract class ClientAuthentication
    {
        protected ClientAuthentication(string clientId)
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new Errors.QlikValidationException("MissingClientId", "A client id is required to request a token.");
            }

            ClientId = clientId;
        }

        public string ClientId { get; }

        /// <summary>"client_secret" or "private_key_jwt", as Qlik names the methods.</summary>
        public abstract string Method { get; }

        /// <summary>
        /// Which credential this is, without revealing it: part of the token cache key, so a token fetched with one
        /// secret or key is never handed to a caller who presented another (a wrong secret must not get a cached token).
        /// </summary>
        internal abstract string CredentialFingerprint { get; }

        /// <summary>Adds the credential members to a token request body.</summary>
        internal abstract void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now);

        public override string ToString() => $"{ClientId} ({Method})";
    }

    public sealed class ClientSecretAuthentication : ClientAuthentication
    {
        // A per-process HMAC key: the fingerprint identifies a secret within this process and is useless outside it.
        // One HMAC instance for the process (under its lock): a Get-QlikAccessToken answered from the cache makes
        // one fingerprint per call, and setting up an HMAC costs more than computing one.
        private static readonly HMACSHA256 Fingerprinter = new HMACSHA256(NewFingerprintKey());
        private readonly SecureString _secret;

        public ClientSecretAuthentication(string clientId, SecureString secret)
            : base(clientId)
        {
            _secret = secret.Copy();
            _secret.MakeReadOnly();
            byte[] secretBytes = Encoding.UTF8.GetBytes(SecretText.Reveal(_secret));
            byte[] fingerprint;
            lock (Fingerprinter)
            {
                fingerprint = Fingerprinter.ComputeHash(secretBytes);
            }

            Array.Clear(secretBytes, 0, secretBytes.Length);
            CredentialFingerprint = "secret:" + Convert.ToBase64String(fingerprint);
        }

        public override string Method => "client_secret";

        internal override string CredentialFingerprint { get; }

        internal override void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now)
        {
            body["client_id"] = ClientId;
            body["client_secret"] = SecretText.Reveal(_secret);
        }

        private static byte[] NewFingerprintKey()
        {
            var key = new byte[32];
            using var random = RandomNumberGenerator.Create();
            random.GetBytes(key);
            return key;
        }
    }
}
