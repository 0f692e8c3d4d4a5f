using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that get tokens with an issuing client: -Credential (client id + secret) or -ClientId
    /// with a signing key (-PrivateKeyPath, -Certificate or -CertificatePath); -Scope; -NoCache; the tenant from
    /// -Session or -TenantUrl.
    /// The client parameters are in every parameter set and allow null on purpose: New-QlikOAuthClient's output
    /// carries Credential, KeyId and PrivateKeyPath (null where the client has no such credential), and
    /// by-property-name binding of a null into set-specific mandatory parameters fails the whole record. The
    /// choice is made here instead: a signing key means private key JWT, else the credential's secret.
    /// </summary>
    public abstract class IssuingClientCmdlet : QlikSessionCmdlet
    {
        private readonly IssuerResolver _issuers = new IssuerResolver();

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

        /// <summary>A certificate with its private key to sign with, such as Get-Item Cert:\CurrentUser\My\&lt;thumbprint&gt;; the key may be non-exportable.</summary>
        [Parameter]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>A PKCS#12 (PFX) file holding the certificate and its private key, to sign with.</summary>
        [Parameter]
        public string? CertificatePath { get; set; }

        /// <summary>The password of the -CertificatePath file.</summary>
        [Parameter]
        public SecureString? CertificatePassword { get; set; }

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

        /// <summary>With -TenantUrl: the proxy to the tenant; default: the system proxy. A session keeps the proxy given to Connect-QlikTenant.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>With -TenantUrl: the proxy's user name and password (with -Proxy, or for the system proxy).</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>With -TenantUrl: sign in to the proxy as the current Windows user.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _issuers.Dispose();
            }
        }

        /// <summary>No issuing client given at all (no -Credential, -ClientId, key or certificate, no -TenantUrl): the session's own token is meant.</summary>
        protected bool NamesNoClient =>
            Credential is null && Blank(ClientId) && Blank(PrivateKeyPath) && Certificate is null && Blank(CertificatePath) && TenantUrl is null;

        /// <summary>The session tokens are issued through, or null with -TenantUrl.</summary>
        protected QlikSession? IssuingSession { get; private set; }

        /// <summary>The issuer for this record's client and tenant (the engine rebuilds it only when they change).</summary>
        protected TokenIssuer ResolveIssuer()
        {
            SigningKeySource key = SigningKeyArguments.From(SessionState, PrivateKeyPath, KeyPassword, Certificate, CertificatePath, CertificatePassword, KeyId);
            Engine.Sessions.TenantSession? tenant = ResolveTenant()?.Engine;
            var request = new IssuerRequest
            {
                Connection = tenant?.Connection,
                Cache = tenant?.Tokens,
                Directory = tenant?.Credential,
                SigningKeys = tenant?.SigningKeys,
                TenantUrl = TenantUrl,
                Secret = Credential?.Password,
                Key = key,
                Scope = Scope is null ? null : string.Join(" ", Scope),
                NoCache = NoCache,
            };
            request.ClientId = ResolveClientId(request.Signs);
            bool isNew = false;
            // Through RunEngine for its log: a key file other users can read is reported as a warning.
            TryEngine(
                () =>
                {
                    request.HttpOptions = TenantUrl is null ? null : ProxyParameters.ToHttpOptions(Proxy, ProxyCredential, ProxyUseDefaultCredentials);
                    return RunEngine(cancellationToken => Task.FromResult(_issuers.Resolve(request, out isNew, cancellationToken)));
                },
                request.Signs ? key.Description : (object?)TenantUrl,
                out TokenIssuer issuer,
                OnFailure.Stop);
            if (isNew && issuer.Client is PrivateKeyJwtAuthentication signer)
            {
                WriteVerbose(SigningKeyArguments.SigningMessage(signer, key));
            }

            return issuer;
        }

        /// <summary>The token as the output object, in the form the user asked for.</summary>
        protected QlikAccessToken ToOutput(AccessToken token, UserReference? user, bool asPlainText, TokenIssuer issuer, bool userCreated = false) =>
            new QlikAccessToken(token, user, asPlainText, IssuingSession, issuer.Connection, userCreated);

        /// <summary>The session to issue through, or null with -TenantUrl (and then no -Session may be given).</summary>
        private QlikSession? ResolveTenant()
        {
            if (TenantUrl is null)
            {
                if (ProxyParameters.AnyGiven(Proxy, ProxyCredential, ProxyUseDefaultCredentials))
                {
                    ThrowTerminatingError(ErrorRecords.Create(
                        "ProxyWithoutTenantUrl",
                        ErrorCategory.InvalidArgument,
                        "-Proxy, -ProxyCredential and -ProxyUseDefaultCredentials go with -TenantUrl. A session reaches its tenant through the proxy given to Connect-QlikTenant."));
                }

                IssuingSession = ResolveSession();
                return IssuingSession;
            }

            if (GivenSession() != null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SessionAndTenantUrl",
                    ErrorCategory.InvalidArgument,
                    "Give either -Session or -TenantUrl, not both (a client object from the pipeline brings its -Session)."));
            }

            IssuingSession = null;
            return null;
        }

        private string ResolveClientId(bool signs)
        {
            string? fromCredential = Credential?.UserName;
            if (signs)
            {
                string? id = Blank(ClientId) ? fromCredential : ClientId;
                if (Blank(id))
                {
                    ThrowTerminatingError(ErrorRecords.Create("MissingClientId", ErrorCategory.InvalidArgument, "A signing key (-PrivateKeyPath, -Certificate or -CertificatePath) needs -ClientId: the id of the client the key is registered with."));
                }

                return id!;
            }

            if (Credential is null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "MissingClient",
                    ErrorCategory.InvalidArgument,
                    "Name the issuing client: -Credential (user name = client id, password = client secret, such as New-QlikOAuthClient's Credential), or -ClientId with -PrivateKeyPath, -Certificate or -CertificatePath."));
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

        private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
    }
}
