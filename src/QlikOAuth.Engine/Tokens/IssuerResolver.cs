using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>What names an issuer: the tenant (a session, or only its URL), the client and how it authenticates, the scope.</summary>
    public sealed class IssuerRequest
    {
        /// <summary>A session's connection to issue through; null with <see cref="TenantUrl"/>.</summary>
        public QlikConnection? Connection { get; set; }

        /// <summary>The session's token cache, which every call of the session shares; with <see cref="Connection"/>.</summary>
        public TokenCache? Cache { get; set; }

        /// <summary>The session's admin credential, which resolves emails to user ids; with <see cref="Connection"/>.</summary>
        public ITenantCredential? Directory { get; set; }

        /// <summary>
        /// The session's signing keys read from files, so a key file is read and decrypted once per session rather than
        /// per call; null (with <see cref="TenantUrl"/>): read for this call only.
        /// </summary>
        public SigningKeyCache? SigningKeys { get; set; }

        /// <summary>A tenant known only by its URL: only the issuing client is needed, tokens are cached for the call only.</summary>
        public Uri? TenantUrl { get; set; }

        public string ClientId { get; set; } = string.Empty;

        /// <summary>The client secret; used when no signing key (<see cref="Key"/>) is given.</summary>
        public SecureString? Secret { get; set; }

        /// <summary>A signing key: private key JWT instead of the secret.</summary>
        public SigningKeySource Key { get; set; } = new SigningKeySource();

        /// <summary>How a tenant given by <see cref="TenantUrl"/> is reached (its proxy); a session keeps its own.</summary>
        public QlikHttpOptions? HttpOptions { get; set; }

        /// <summary>Whether the client authenticates with a signed assertion rather than its secret.</summary>
        public bool Signs => Key.IsGiven;

        /// <summary>Space-separated scopes to narrow the token to; null: the client's scopes.</summary>
        public string? Scope { get; set; }

        public bool NoCache { get; set; }
    }

    /// <summary>
    /// The token issuers of one cmdlet call. Pipeline records that name the same client and tenant share one issuer,
    /// so a key file is read once; a tenant given by URL gets one connection and one cache for the whole call. Disposing
    /// the resolver closes those connections and clears the keys.
    /// </summary>
    public sealed class IssuerResolver : IDisposable
    {
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private readonly Dictionary<string, (QlikConnection Connection, TokenCache Cache)> _standalone =
            new Dictionary<string, (QlikConnection, TokenCache)>(StringComparer.OrdinalIgnoreCase);
        private (object Tenant, string ClientId, SecureString? Secret, string? KeyPath, string? KeyId, string? Scope, bool NoCache, X509Certificate2? Certificate, string? CertificatePath) _last;
        private TokenIssuer? _lastIssuer;

        /// <summary>The issuer for the request: the last one when nothing changed, else a new one (reading the key file).</summary>
        /// <param name="isNew">Whether the issuer was made for this request, so the caller can say which key signs.</param>
        /// <param name="cancellationToken">Stops reading an encrypted key file, whose decryption may take seconds.</param>
        public TokenIssuer Resolve(IssuerRequest request, out bool isNew, CancellationToken cancellationToken = default)
        {
            (QlikConnection connection, TokenCache cache, ITenantCredential? directory, object tenant) = TenantOf(request);
            SigningKeySource key = request.Key;
            var descriptor = (tenant, request.ClientId, request.Secret, key.KeyPath, key.KeyId, request.Scope, request.NoCache, key.Certificate, key.CertificatePath);
            isNew = _lastIssuer is null || !descriptor.Equals(_last);
            if (!isNew)
            {
                return _lastIssuer!;
            }

            ClientAuthentication client = request.Signs
                ? ReadKeyClient(request, cancellationToken)
                : ClientSecretAuthentication.For(request.ClientId, request.Secret!);
            _last = descriptor;
            _lastIssuer = new TokenIssuer(connection, client, request.Scope, request.NoCache ? null : cache, directory);
            return _lastIssuer;
        }

        public void Dispose()
        {
            _owned.ForEach(owned => owned.Dispose());
            foreach ((QlikConnection connection, TokenCache _) in _standalone.Values)
            {
                connection.Dispose();
            }
        }

        private (QlikConnection, TokenCache, ITenantCredential?, object) TenantOf(IssuerRequest request)
        {
            if (request.Connection != null)
            {
                return (request.Connection, request.Cache ?? throw new ArgumentException("A session's issuer needs its token cache.", nameof(request)), request.Directory, request.Connection);
            }

            Uri url = request.TenantUrl ?? throw new ArgumentException("An issuer needs a session or a tenant URL.", nameof(request));
            string key = url.GetLeftPart(UriPartial.Authority);
            if (!_standalone.TryGetValue(key, out (QlikConnection Connection, TokenCache Cache) standalone))
            {
                standalone = (new QlikConnection(url, request.HttpOptions), new TokenCache(TimeProvider.System));
                _standalone[key] = standalone;
            }

            return (standalone.Connection, standalone.Cache, null, key);
        }

        private PrivateKeyJwtAuthentication ReadKeyClient(IssuerRequest request, CancellationToken cancellationToken)
        {
            PrivateKeyJwtAuthentication client = request.Key.CreateClient(request.ClientId, request.SigningKeys, cancellationToken);
            _owned.Add(client);
            return client;
        }
    }
}
