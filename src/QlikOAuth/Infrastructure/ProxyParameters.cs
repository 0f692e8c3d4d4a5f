using System;
using System.Management.Automation;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// -Proxy, -ProxyCredential and -ProxyUseDefaultCredentials (Connect-QlikTenant, and the token cmdlets with
    /// -TenantUrl) as the engine's proxy. Throws QlikValidationException for a combination that cannot work.
    /// </summary>
    internal static class ProxyParameters
    {
        public static QlikHttpOptions ToHttpOptions(Uri? proxy, PSCredential? proxyCredential, bool proxyUseDefaultCredentials) =>
            new QlikHttpOptions { Proxy = QlikProxy.Create(proxy, proxyCredential?.GetNetworkCredential(), proxyUseDefaultCredentials) };

        public static bool AnyGiven(Uri? proxy, PSCredential? proxyCredential, bool proxyUseDefaultCredentials) =>
            proxy != null || proxyCredential != null || proxyUseDefaultCredentials;
    }
}
