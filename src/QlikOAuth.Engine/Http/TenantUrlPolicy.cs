using System;
using System.Net;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>Which tenant URLs a connection accepts: https anywhere, plain http only on loopback (the emulator).</summary>
    public static class TenantUrlPolicy
    {
        public static Uri Normalize(Uri tenantUrl)
        {
            if (tenantUrl is null || !tenantUrl.IsAbsoluteUri)
            {
                throw new QlikValidationException(
                    "InvalidTenantUrl",
                    "The tenant URL must be absolute, such as https://your-tenant.eu.qlikcloud.com.",
                    tenantUrl?.OriginalString);
            }

            // A user:password@ part would be dropped silently below, or worse, kept in logs and errors that echo the URL.
            if (!string.IsNullOrEmpty(tenantUrl.UserInfo))
            {
                throw new QlikValidationException(
                    "TenantUrlWithCredentials",
                    $"The tenant URL must not carry a user name or password (user:password@): give {tenantUrl.Scheme}://{tenantUrl.Authority} and pass the credential with -ApiKey or -Credential.",
                    $"{tenantUrl.Scheme}://{tenantUrl.Authority}");
            }

            bool https = tenantUrl.Scheme == Uri.UriSchemeHttps;
            bool loopbackHttp = tenantUrl.Scheme == Uri.UriSchemeHttp && IsLoopback(tenantUrl);
            if (!https && !loopbackHttp)
            {
                throw new QlikValidationException(
                    "InsecureTenantUrl",
                    $"The tenant URL '{tenantUrl.GetLeftPart(UriPartial.Authority)}' must use https (plain http is allowed only for 127.0.0.1/localhost, such as the test emulator).",
                    tenantUrl.GetLeftPart(UriPartial.Authority));
            }

            // Qlik's APIs sit at the host root: a pasted hub or console path is dropped.
            return new Uri(tenantUrl.GetLeftPart(UriPartial.Authority));
        }

        private static bool IsLoopback(Uri url) =>
            url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));
    }
}
