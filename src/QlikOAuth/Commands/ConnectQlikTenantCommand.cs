using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Fleet;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.SignIn;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Connects to a tenant with an API key, an admin OAuth client, or as the person at the prompt (-Interactive: the
    /// browser sign-in with a native or web client), proves the credential with GET /api/v1/users/me, returns the
    /// session and makes it this runspace's default. Tenant URLs from the pipeline (CSV rows, objects with TenantUrl)
    /// or an array connect in parallel with the one credential, sessions in input order and none made the default; a
    /// tenant that cannot be reached or refuses the credential is an error naming it, and the others connect.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "QlikTenant", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(QlikSession))]
    public sealed class ConnectQlikTenantCommand : QlikCmdlet
    {
        internal const string ApiKeySet = "ApiKey";
        internal const string OAuthClientSet = "OAuthClient";
        internal const string InteractiveSet = "Interactive";

        private readonly List<Uri> _tenantUrls = new List<Uri>();

        /// <summary>The tenant, such as https://your-tenant.eu.qlikcloud.com (https required except on loopback); several connect in parallel.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public Uri[] TenantUrl { get; set; } = null!;

        /// <summary>A tenant API key of a TenantAdmin.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        public SecureString ApiKey { get; set; } = null!;

        /// <summary>An admin OAuth client: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OAuthClientSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>The native or web client a person signs in with (-Interactive).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = null!;

        /// <summary>Sign in as yourself in the browser. Without it (and without a credential) nothing opens: a runbook never waits on a browser.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        public SwitchParameter Interactive { get; set; }

        /// <summary>The loopback redirect URI registered on the client, such as http://127.0.0.1:8765/callback; the module listens on exactly it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string RedirectUri { get; set; } = null!;

        /// <summary>Your email, so the identity provider need not ask for it.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string? LoginHint { get; set; }

        /// <summary>A web client's secret for the code exchange and renewals; a native client has none.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        public SecureString? ClientSecret { get; set; }

        /// <summary>A web client's private key file (PEM or private JWK), instead of -ClientSecret: the code exchange and renewals carry assertions signed with it.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string? PrivateKeyPath { get; set; }

        /// <summary>The kid the web client's public key was registered under (a JWK file may carry its own).</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string? KeyId { get; set; }

        /// <summary>The password of an encrypted -PrivateKeyPath file.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        public SecureString? KeyPassword { get; set; }

        /// <summary>A certificate with its private key for the web client to sign with, instead of -ClientSecret; the key may be non-exportable.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>A PKCS#12 (PFX) file holding the web client's certificate and private key, to sign with.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>The password of the -CertificatePath file.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>Scopes of the token: default admin_classic for an admin client, user_default offline_access for a sign-in.</summary>
        [Parameter(ParameterSetName = OAuthClientSet)]
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Scope { get; set; }

        /// <summary>The proxy to the tenant, such as http://proxy.example.com:8080; default: the system proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The proxy's user name and password (with -Proxy, or for the system proxy).</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Sign in to the proxy as the current Windows user (with -Proxy, or for the system proxy).</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>The most tokens the session keeps for reuse (default 10,000); beyond it, the least recently used go first.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TokenCacheSize { get; set; } = TokenCache.DefaultCapacity;

        /// <summary>How many tenants connect at once when several are given (default 16).</summary>
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = OAuthClientSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = FleetRun.DefaultThrottleLimit;

        /// <summary>Return the session without making it the runspace default.</summary>
        [Parameter]
        public SwitchParameter NoDefault { get; set; }

        /// <summary>
        /// How long one request of the session may take before it counts as unanswered (default 100 s). With -Interactive:
        /// how long the sign-in may take in the browser (default 300 s); its requests keep the 100 s default.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)new QlikHttpOptions().RequestTimeout.TotalSeconds;

        /// <summary>
        /// How long one request of the session may wait in all for the tenant's rate limit (default 600 s; 0: never
        /// wait); then it fails with QlikApi.RateLimited. Each single wait is at most five minutes besides.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MaxRateLimitWaitSec { get; set; } = (int)new QlikHttpOptions().MaxRateLimitWait.TotalSeconds;

        protected override void ProcessRecord()
        {
            if (ParameterSetName != InteractiveSet)
            {
                // Connected together at the end: only then is it known whether one tenant was given (made the default) or several.
                _tenantUrls.AddRange(TenantUrl);
                return;
            }

            foreach (Uri tenantUrl in TenantUrl)
            {
                SignIn(tenantUrl);
            }
        }

        protected override void EndProcessing()
        {
            if (_tenantUrls.Count == 0)
            {
                return;
            }

            var progress = new TenantProgress(this, "Connect-QlikTenant", _tenantUrls.Count);
            if (!TryEngine(
                () => RunEngine(cancellationToken => FleetConnect.ConnectAsync(_tenantUrls, NewCredential, HttpOptions(), ThrottleLimit, done => OnPipelineThread(() => progress.Show("Connecting", done)), cancellationToken)),
                _tenantUrls.Count == 1 ? _tenantUrls[0] : null,
                out IReadOnlyList<BatchOutcome<TenantSession>> outcomes))
            {
                return;
            }

            progress.Complete();
            int written = 0;
            try
            {
                for (; written < outcomes.Count; written++)
                {
                    Publish(outcomes[written], _tenantUrls[written]);
                }
            }
            finally
            {
                // An error that ends the call (-ErrorAction Stop) leaves the later sessions unseen: close them, not leak them.
                foreach (BatchOutcome<TenantSession> unseen in outcomes.Skip(written + 1))
                {
                    unseen.Result?.Dispose();
                }
            }
        }

        /// <summary>The options of every session of this call; a proxy that cannot work is refused here, inside TryEngine, before any request.</summary>
        private QlikHttpOptions HttpOptions()
        {
            QlikHttpOptions options = ProxyParameters.ToHttpOptions(Proxy, ProxyCredential, ProxyUseDefaultCredentials);
            if (ParameterSetName != InteractiveSet)
            {
                // With -Interactive, -TimeoutSec is how long the person may take to sign in; requests keep the default.
                options.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec);
            }

            options.MaxRateLimitWait = TimeSpan.FromSeconds(MaxRateLimitWaitSec);
            return options;
        }

        /// <summary>A credential per tenant: an admin OAuth client's token belongs to one tenant, and each session disposes its own.</summary>
        private ITenantCredential NewCredential() =>
            ParameterSetName == OAuthClientSet
                ? new OAuthClientCredential(new ClientSecretAuthentication(Credential.UserName, Credential.Password), JoinedScope(OAuthClientCredential.DefaultScope))
                : (ITenantCredential)new ApiKeyCredential(ApiKey);

        private void Publish(BatchOutcome<TenantSession> outcome, Uri tenantUrl)
        {
            if (outcome.Result is TenantSession engine)
            {
                engine.Tokens.Capacity = TokenCacheSize;
                // Several tenants make no default: which one a later call without -Session acted on would be a guess.
                Publish(new QlikSession(engine, ParameterSetName, ParameterSetName == OAuthClientSet ? Credential.UserName : null), engine.Credential, makeDefault: _tenantUrls.Count == 1);
            }
            else
            {
                // Non-terminating, so -ErrorAction decides: Stop ends a runbook, Continue reports and goes on.
                WriteError(ErrorRecords.From(outcome.Failure!, tenantUrl));
            }
        }

        /// <summary>-Interactive: the person signs in in the browser; nothing opens without the switch.</summary>
        private void SignIn(Uri tenantUrl)
        {
            if (!Interactive)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SignIn.InteractiveRequired",
                    ErrorCategory.InvalidArgument,
                    "-ClientId without -Credential signs a person in through the browser: add -Interactive to do that, or connect with -ApiKey or -Credential (nothing was opened)."));
            }

            var request = new SignInRequest(ClientId, RedirectFromArgument())
            {
                Scope = JoinedScope(SignInRequest.DefaultScope),
                LoginHint = LoginHint,
                Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : SignInRequest.DefaultTimeout,
            };
            QlikHttpOptions options = HttpOptions();
            SystemBrowser browser = SystemBrowser.FromEnvironment();
            // Last before the engine, which owns it from here: a key read is cleared when the session ends or the sign-in fails.
            request.Client = WebClientCredential();
            WriteVerbose($"Opening {browser.Description} to sign in with client {ClientId}; waiting up to {request.Timeout.TotalSeconds:0} s on {request.Redirect}.");
            if (TryEngine(() => RunEngine(cancellationToken => TenantSession.SignInAsync(tenantUrl, request, browser, options, null, cancellationToken)), tenantUrl, out TenantSession engine))
            {
                engine.Tokens.Capacity = TokenCacheSize;
                Publish(new QlikSession(engine, InteractiveSet, ClientId), engine.Credential, makeDefault: true);
            }
        }

        /// <summary>
        /// A web client's credential for the code exchange and renewals: its secret, or its signing key read now so a key
        /// that cannot sign fails before any browser opens; null for a native (public) client.
        /// </summary>
        private ClientAuthentication? WebClientCredential()
        {
            SigningKeySource key = SigningKeyArguments.From(SessionState, PrivateKeyPath, KeyPassword, Certificate, CertificatePath, CertificatePassword, KeyId);
            if (!key.IsGiven)
            {
                return ClientSecret is null ? null : new ClientSecretAuthentication(ClientId, ClientSecret);
            }

            if (ClientSecret != null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "SignIn.ConflictingClientCredentials",
                    ErrorCategory.InvalidArgument,
                    "Give the web client's secret (-ClientSecret) or its signing key (-PrivateKeyPath, -Certificate or -CertificatePath), not both (nothing was opened)."));
            }

            // Through RunEngine for its log: a key file other users can read is reported as a warning.
            TryEngine(() => RunEngine(cancellationToken => Task.FromResult(key.CreateClient(ClientId, sessionKeys: null, cancellationToken))), key.Description, out PrivateKeyJwtAuthentication signer, OnFailure.Stop);
            WriteVerbose(SigningKeyArguments.SigningMessage(signer, key));
            return signer;
        }

        private LoopbackRedirect RedirectFromArgument()
        {
            try
            {
                return LoopbackRedirect.Parse(RedirectUri);
            }
            catch (QlikOAuthException invalid)
            {
                ThrowTerminatingError(ErrorRecords.From(invalid, RedirectUri));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        private string JoinedScope(string defaultScope) => Scope is null ? defaultScope : string.Join(" ", Scope);

        private void Publish(QlikSession session, ITenantCredential credential, bool makeDefault)
        {
            WriteVerbose($"Connected to {session.TenantUrl} as {session.UserName ?? session.Subject} ({credential.Description}).");
            if (makeDefault && !NoDefault)
            {
                DefaultSession.Set(SessionState, session);
            }

            WriteObject(session);
        }
    }
}
