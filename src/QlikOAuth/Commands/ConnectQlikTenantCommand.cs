using System;
using System.Management.Automation;
using System.Security;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Connects to a tenant with an API key or an admin OAuth client, proves the credential with
    /// GET /api/v1/users/me, returns the session and makes it this runspace's default.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "QlikTenant", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(QlikSession))]
    public sealed class ConnectQlikTenantCommand : QlikCmdlet
    {
        internal const string ApiKeySet = "ApiKey";
        internal const string OAuthClientSet = "OAuthClient";

        /// <summary>The tenant, such as https://your-tenant.eu.qlikcloud.com (https required except on loopback).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public Uri TenantUrl { get; set; } = null!;

        /// <summary>A tenant API key of a TenantAdmin.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        public SecureString ApiKey { get; set; } = null!;

        /// <summary>An admin OAuth client: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OAuthClientSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        /// <summary>Scopes of the admin client's token; default admin_classic.</summary>
        [Parameter(ParameterSetName = OAuthClientSet)]
        [ValidateNotNullOrEmpty]
        public string[] Scope { get; set; } = { OAuthClientCredential.DefaultScope };

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

        /// <summary>Return the session without making it the runspace default.</summary>
        [Parameter]
        public SwitchParameter NoDefault { get; set; }

        /// <summary>How long one request of the session may take before it counts as unanswered (default 100 s).</summary>
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
            ITenantCredential credential;
            string? clientId = null;
            if (ParameterSetName == OAuthClientSet)
            {
                clientId = Credential.UserName;
                credential = new OAuthClientCredential(new ClientSecretAuthentication(clientId, Credential.Password), string.Join(" ", Scope));
            }
            else
            {
                credential = new ApiKeyCredential(ApiKey);
            }

            // Non-terminating, so -ErrorAction decides: Stop ends a runbook, Continue reports and goes on.
            if (TryEngine(() => Connect(credential), TenantUrl, out TenantSession engine))
            {
                var session = new QlikSession(engine, ParameterSetName, clientId);
                WriteVerbose($"Connected to {session.TenantUrl} as {session.UserName ?? session.Subject} ({credential.Description}).");
                if (!NoDefault)
                {
                    DefaultSession.Set(SessionState, session);
                }

                WriteObject(session);
            }
        }

        private TenantSession Connect(ITenantCredential credential)
        {
            QlikHttpOptions options = ProxyParameters.ToHttpOptions(Proxy, ProxyCredential, ProxyUseDefaultCredentials);
            options.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec);
            options.MaxRateLimitWait = TimeSpan.FromSeconds(MaxRateLimitWaitSec);
            TenantSession engine = RunEngine(cancellationToken => TenantSession.ConnectAsync(TenantUrl, credential, options, null, cancellationToken));
            engine.Tokens.Capacity = TokenCacheSize;
            return engine;
        }
    }
}
