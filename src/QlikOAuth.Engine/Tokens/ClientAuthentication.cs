using System;
using System.Collections.Generic;
using System.Security;
using QlikOAuth.Engine.Sessions;

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

        /// <summary>Adds the credential members to a token request body.</summary>
        internal abstract void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now);

        public override string ToString() => $"{ClientId} ({Method})";
    }

    public sealed class ClientSecretAuthentication : ClientAuthentication
    {
        private readonly SecureString _secret;

        public ClientSecretAuthentication(string clientId, SecureString secret)
            : base(clientId)
        {
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        public override string Method => "client_secret";

        internal override void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now)
        {
            body["client_id"] = ClientId;
            body["client_secret"] = SecretText.Reveal(_secret);
        }
    }
}
