using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Tokens
{
    /// <summary>
    /// Base of the cmdlets that get tokens with an issuing client: -Credential (client id + secret) or -ClientId
    /// with -PrivateKeyPath; -Scope; -NoCache; the tenant from -Session or -TenantUrl.
    /// The client parameters are in every parameter set and allow null on purpose: New-QlikOAuthClient's output
    /// carries Credential, KeyId and PrivateKeyPath (null where the client has no such credential), and
    /// by-property-name binding of a null into set-specific mandatory parameters fails the whole record. The
    /// choice is made here instead: a private key path means private key JWT, else the credential's secret.
    /// </summary>
    public abstract class IssuingClientCmdlet : QlikSessionCmdlet
    {
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private readonly Dictionary<string, QlikConnection> _standalone = new Dictionary<string, QlikConnection>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, TokenCache> _invocationCaches = new Dictionary<string, TokenCache>(StringComparer.OrdinalIgnoreCase);
        private (object? Tenant, string ClientId, object? Credential, string? KeyPath, string? KeyId, string? Scope, bool NoCache) _lastClient;
        private TokenIssuer? _lastIssuer;

        /// <summary>The issuing client: user name = client id, password = client secret (New-QlikOAuthClient's Credential).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The issuing client's id, with -PrivateKeyPath (private key JWT).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        public string? ClientId { get; set; }

        /// <summary>A PEM (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1) or private JWK file; the algorithm follows the key.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? PrivateKeyPath { get; set; }

        /// <summary>The kid the public key was registered under (a JWK file may carry its own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? KeyId { get; set; }

        /// <summary>The password of an encrypted private key file.</summary>
        [Parameter]
        public SecureString? KeyPassword { get; set; }

        /// <summary>Narrows the token to these scopes (within the client's allowed scopes); default: the client's scopes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScopeCompleter))]
        public string[]? Scope { get; set; }

        /// <summary>Always ask the tenant for a new token; neither use nor keep a cached one.</summary>
        [Parameter]
        public SwitchParameter NoCache { get; set; }

        /// <summary>The tenant, instead of -Session: only the issuing client is needed (no admin); tokens are cached for this call only.</summary>
        [Parameter]
        public Uri? TenantUrl { get; set; }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            foreach (IDisposable owned in _owned)
            {
                owned.Dispose();
            }

            foreach (QlikConnection connection in _standalone.Values)
            {
                connection.Dispose();
            }
        }

        /// <summary>The session tokens are issued through, or null with -TenantUrl.</summary>
        protected QlikSession? IssuingSession { get; private set; }

        /// <summary>The issuer for this record's client and tenant; rebuilt only when they change (a key file is read once).</summary>
        protected TokenIssuer ResolveIssuer()
        {
            string scope = Scope is null ? string.Empty : string.Join(" ", Scope);
            (QlikConnection connection, TokenCache? cache, QlikOAuth.Engine.Sessions.ITenantCredential? directory, object tenant) = ResolveTenant();
            string keyPath = Blank(PrivateKeyPath) ? string.Empty : SessionState.Path.GetUnresolvedProviderPathFromPSPath(PrivateKeyPath);
            string clientId = ResolveClientId(keyPath);
            var descriptor = ((object?)tenant, clientId, (object?)Credential, (string?)keyPath, Blank(KeyId) ? null : KeyId, (string?)scope, NoCache.IsPresent);
            if (_lastIssuer != null && descriptor.Equals(_lastClient))
            {
                return _lastIssuer;
            }

            ClientAuthentication client = keyPath.Length > 0 ? ReadKeyClient(clientId, keyPath) : new ClientSecretAuthentication(clientId, Credential!.Password);
            _lastClient = descriptor;
            _lastIssuer = new TokenIssuer(connection, client, scope.Length == 0 ? null : scope, NoCache ? null : cache, directory);
            return _lastIssuer;
        }

        /// <summary>The token as the output object, in the form the user asked for.</summary>
        protected QlikAccessToken ToOutput(AccessToken token, UserReference? user, bool asPlainText, TokenIssuer issuer) =>
            new QlikAccessToken(token, user, asPlainText, IssuingSession, issuer.Connection.TenantUrl);

        private (QlikConnection, TokenCache?, QlikOAuth.Engine.Sessions.ITenantCredential?, object) ResolveTenant()
        {
            if (TenantUrl is null)
            {
                QlikSession session = ResolveSession();
                IssuingSession = session;
                return (session.Engine.Connection, session.Engine.Tokens, session.Engine.Credential, session);
            }

            if (Session != null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SessionAndTenantUrl",
                    ErrorCategory.InvalidArgument,
                    "Give either -Session or -TenantUrl, not both (a client object from the pipeline brings its -Session)."));
            }

            IssuingSession = null;
            string key = TenantUrl.GetLeftPart(UriPartial.Authority);
            if (!_standalone.TryGetValue(key, out QlikConnection? connection))
            {
                try
                {
                    connection = new QlikConnection(TenantUrl);
                }
                catch (QlikOAuthException exception)
                {
                    ThrowEngineError(exception, TenantUrl);
                }

                _standalone[key] = connection!;
                _invocationCaches[key] = new TokenCache(TimeProvider.System);
            }

            return (connection!, _invocationCaches[key], null, key);
        }

        private string ResolveClientId(string keyPath)
        {
            string? fromCredential = Credential?.UserName;
            if (keyPath.Length > 0)
            {
                string? id = Blank(ClientId) ? fromCredential : ClientId;
                if (Blank(id))
                {
                    ThrowTerminatingError(ErrorRecords.Create("MissingClientId", ErrorCategory.InvalidArgument, "-PrivateKeyPath needs -ClientId: the id of the client the key is registered with."));
                }

                return id!;
            }

            if (Credential is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "MissingClient",
                    ErrorCategory.InvalidArgument,
                    "Name the issuing client: -Credential (user name = client id, password = client secret, such as New-QlikOAuthClient's Credential), or -ClientId with -PrivateKeyPath."));
            }

            if (!Blank(ClientId) && !string.Equals(ClientId, fromCredential, StringComparison.Ordinal))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "ClientIdMismatch",
                    ErrorCategory.InvalidArgument,
                    $"-ClientId '{ClientId}' is not the user name of -Credential ('{fromCredential}'): the credential's user name is the client id.",
                    ClientId));
            }

            return fromCredential!;
        }

        // A key that cannot sign (unreadable, wrong password, too small, no kid) ends the call: no user could get a token.
        private ClientAuthentication ReadKeyClient(string clientId, string keyPath)
        {
            SigningKey? key = null;
            try
            {
                key = PrivateKeyReader.ReadFile(keyPath, KeyPassword, Blank(KeyId) ? null : KeyId);
                var client = new PrivateKeyJwtAuthentication(clientId, key);
                _owned.Add(client);
                WriteVerbose($"Signing client assertions for {clientId} with the {key.Algorithm} key {key.KeyId} from {keyPath}.");
                return client;
            }
            catch (QlikOAuthException exception)
            {
                key?.Dispose();
                ThrowEngineError(exception, keyPath);
                throw;
            }
        }

        private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
    }
}
