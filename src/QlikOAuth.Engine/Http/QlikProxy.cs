using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// How a connection reaches the tenant through a proxy, as Invoke-RestMethod's -Proxy, -ProxyCredential and
    /// -ProxyUseDefaultCredentials have it. By default the system proxy is used (HTTPS_PROXY, HTTP_PROXY and NO_PROXY
    /// on Linux and macOS; the Internet Options proxy on Windows). Without an address, the credentials go to the
    /// system proxy: behind an authenticating corporate proxy, -ProxyUseDefaultCredentials alone is enough.
    /// Never carries a password in ToString.
    /// </summary>
    public sealed class QlikProxy
    {
        private static readonly PropertyInfo? StatusCodeProperty = typeof(HttpRequestException).GetProperty("StatusCode", typeof(HttpStatusCode?));
        private static readonly PropertyInfo? RequestErrorProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");
        private readonly NetworkCredential? _credential;

        private QlikProxy(Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
        {
            Address = address;
            _credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        /// <summary>The system proxy, without credentials.</summary>
        public static QlikProxy System { get; } = new QlikProxy(null, null, false);

        /// <summary>The proxy's address; null for the system proxy.</summary>
        public Uri? Address { get; }

        public bool HasCredential => _credential != null;

        public bool UseDefaultCredentials { get; }

        /// <param name="address">The proxy, such as http://proxy.example.com:8080; null for the system proxy.</param>
        /// <param name="credential">The proxy's user name and password, or null.</param>
        /// <param name="useDefaultCredentials">Sign in to the proxy as the current Windows user (NTLM, Kerberos).</param>
        public static QlikProxy Create(Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
        {
            if (credential != null && useDefaultCredentials)
            {
                throw new QlikValidationException(
                    "ProxyCredentialConflict",
                    "Give either -ProxyCredential or -ProxyUseDefaultCredentials, not both: the proxy gets one sign-in.");
            }

            if (address != null && (!address.IsAbsoluteUri || string.IsNullOrEmpty(address.Host)))
            {
                throw new QlikValidationException(
                    "InvalidProxy",
                    $"The proxy '{address.OriginalString}' is not an absolute URL. Give it as http://proxy.example.com:8080.",
                    address.OriginalString);
            }

            // A user:password@ part would reach the 407 error and ToString, so $Error and transcripts: the password
            // goes in -ProxyCredential, where it stays a secret. Refused, as TenantUrlPolicy refuses one in the tenant URL.
            if (address != null && !string.IsNullOrEmpty(address.UserInfo))
            {
                string withoutUserInfo = $"{address.Scheme}://{address.Authority}";
                throw new QlikValidationException(
                    "ProxyWithCredentials",
                    $"The proxy address must not carry a user name or password (user:password@): give {withoutUserInfo} with -Proxy and the proxy's user name and password with -ProxyCredential.",
                    withoutUserInfo);
            }

            return address is null && credential is null && !useDefaultCredentials ? System : new QlikProxy(address, credential, useDefaultCredentials);
        }

        /// <summary>Sets the handler up for this proxy; the handler's defaults already mean "the system proxy".</summary>
        internal void ApplyTo(HttpClientHandler handler)
        {
            ICredentials? credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : _credential;
            if (Address != null)
            {
                // BypassProxyOnLocal false: the proxy named is the proxy used, as with Invoke-RestMethod -Proxy.
                handler.Proxy = new WebProxy(Address) { BypassProxyOnLocal = false, Credentials = credentials };
                handler.UseProxy = true;
            }
            else if (credentials != null)
            {
                handler.DefaultProxyCredentials = credentials;
            }
        }

        /// <summary>
        /// True when the proxy answered 407 to CONNECT (https, as every Qlik Cloud call): that is no response but a
        /// failed request, told differently by each runtime. .NET 9 and later set HttpRequestException.StatusCode;
        /// .NET 8 (PowerShell 7.4) sets only HttpRequestError.ProxyTunnelError, with the status in its message;
        /// .NET Framework carries the proxy's response in a WebException. The first two are not declared in
        /// netstandard2.0, hence the lookups by name.
        /// </summary>
        internal static bool RefusedTunnel(HttpRequestException exception)
        {
            if (StatusCodeProperty?.GetValue(exception) is HttpStatusCode status)
            {
                return status == HttpStatusCode.ProxyAuthenticationRequired;
            }

            if (RequestErrorProperty?.GetValue(exception)?.ToString() == "ProxyTunnelError")
            {
                return exception.Message.Contains("'407'");
            }

            return exception.InnerException is WebException { Response: HttpWebResponse { StatusCode: HttpStatusCode.ProxyAuthenticationRequired } };
        }

        /// <summary>The error for a 407: which parameter fixes it depends on what was given.</summary>
        internal QlikOAuthException AuthenticationRequired(string method, string path, Uri tenantUrl, Exception? inner = null)
        {
            string proxy = Address is null ? "The system proxy" : $"The proxy {Address.GetLeftPart(UriPartial.Authority)}";
            string fix = HasCredential || UseDefaultCredentials
                ? $"refused the credentials given ({(HasCredential ? "-ProxyCredential" : "-ProxyUseDefaultCredentials")}). Check the proxy user name and password with your network team, and give them with -ProxyCredential."
                : "asks for credentials. Give them with -ProxyCredential (the proxy's user name and password) or -ProxyUseDefaultCredentials (your Windows sign-in)"
                  + (Address is null ? ", and name the proxy with -Proxy if it is not the system proxy." : ".");
            return new QlikOAuthException(
                "QlikApi.ProxyAuthenticationRequired",
                QlikErrorKind.Authentication,
                $"{method} {path} did not reach {tenantUrl.Host}: {proxy} (HTTP 407 Proxy Authentication Required) {fix}",
                path,
                inner);
        }

        public override string ToString() =>
            (Address is null ? "system proxy" : Address.GetLeftPart(UriPartial.Authority))
            + (HasCredential ? " with a credential" : UseDefaultCredentials ? " with the default credentials" : string.Empty);
    }
}
