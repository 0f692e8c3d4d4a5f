using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.InteropServices;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Builds the HTTP handler of a connection: no automatic redirects, the proxy asked for, strict TLS.</summary>
    internal static class QlikHttpHandler
    {
        private static readonly bool OnNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        static QlikHttpHandler()
        {
            // Windows PowerShell 5.1 may still default to TLS 1.0: add 1.2 to what the user set. SystemDefault (0)
            // lets Windows choose (TLS 1.3 included) and is left alone: adding a flag to it would pin the protocols.
            if (OnNetFramework && ServicePointManager.SecurityProtocol != 0)
            {
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }
        }

        public static HttpClientHandler Create(QlikProxy proxy)
        {
            // No automatic redirects: a redirect to another host must never carry our Authorization header.
            var handler = new HttpClientHandler { AllowAutoRedirect = false };
            proxy.ApplyTo(handler);
            if (OnNetFramework)
            {
                // On .NET Framework a script's global ServicePointManager.ServerCertificateValidationCallback (often
                // "accept everything", left behind by another module) applies to every HttpWebRequest, ours included.
                // A callback on the handler takes precedence over it, so the tenant's certificate is checked here:
                // valid chain, matching name. .NET (PowerShell 7) never consults the global callback. This branch
                // cannot run in this repository's CI (Linux, PowerShell 7): it is reviewed, not tested.
                handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => errors == SslPolicyErrors.None;
            }

            return handler;
        }
    }
}
