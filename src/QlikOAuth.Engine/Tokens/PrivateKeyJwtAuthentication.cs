using System;
using System.Collections.Generic;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// private_key_jwt: every token request carries a freshly signed client assertion (new jti, aud = the exact
    /// token URL) and no client_secret. Owns the signing key and clears it on Dispose, or, for a key of a session's
    /// <see cref="SigningKeyCache"/>, gives it back.
    /// </summary>
    public sealed class PrivateKeyJwtAuthentication : ClientAuthentication, IDisposable
    {
        private readonly SigningKey _key;
        private readonly IDisposable _owner;

        public PrivateKeyJwtAuthentication(string clientId, SigningKey key)
            : this(clientId, key, key)
        {
        }

        public PrivateKeyJwtAuthentication(string clientId, SigningKeyLease lease)
            : this(clientId, lease?.Key!, lease!)
        {
        }

        private PrivateKeyJwtAuthentication(string clientId, SigningKey key, IDisposable owner)
            : base(clientId)
        {
            _key = key ?? throw new ArgumentNullException(nameof(key));
            _owner = owner;
            if (key.KeyId is null)
            {
                // Refused here, before any request: the tenant could not tell which registered key to check.
                throw new Errors.QlikValidationException(
                    KeyErrors.MissingKeyId,
                    $"The private key for client '{clientId}' has no key id (kid): give -KeyId, the kid its public key was registered with.",
                    clientId);
            }

            CredentialFingerprint = $"key:{key.Thumbprint}/{key.KeyId}/{key.Algorithm}";
        }

        public override string Method => "private_key_jwt";

        /// <summary>The algorithm of the signing key, for messages.</summary>
        public SigningAlgorithm Algorithm => _key.Algorithm;

        /// <summary>The kid the assertions name, for messages.</summary>
        public string KeyId => _key.KeyId!;

        internal override string CredentialFingerprint { get; }

        internal override void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now)
        {
            body["client_id"] = ClientId;
            body["client_assertion_type"] = ClientAssertion.AssertionType;
            body["client_assertion"] = ClientAssertion.Create(_key, ClientId, tokenEndpoint, now);
        }

        public void Dispose() => _owner.Dispose();
    }
}
