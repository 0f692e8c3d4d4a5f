using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// Whether a browser at an origin can use a client's impersonation tokens: the client allows the grant and the
    /// origin, its consent is trusted, and the tenant's CSP list has the origin with frame-ancestors (iframes) and
    /// connect-src (REST calls). Each missing piece is a finding that names its fix.
    /// </summary>
    public static class EmbeddingCheck
    {
        public static async Task<IReadOnlyList<EmbeddingFinding>> RunAsync(OAuthClient client, string? consentMethod, CspOriginsApi csp, string origin, CancellationToken cancellationToken)
        {
            Uri browserOrigin = BrowserOrigin(origin);
            string id = client.ClientId;
            string wanted = browserOrigin.GetLeftPart(UriPartial.Authority);
            bool impersonation = client.AllowedGrantTypes.Contains(GrantTypes.UserImpersonation);
            bool allowed = client.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), wanted, StringComparison.OrdinalIgnoreCase));
            bool trusted = string.Equals(consentMethod, "trusted", StringComparison.OrdinalIgnoreCase);
            List<CspOrigin> entries = await csp.ListAsync(null, null, CspDirectives.None, cancellationToken).ConfigureAwait(false);
            CspOrigin? entry = entries.FirstOrDefault(e => CspOriginRules.Admits(e.Origin, browserOrigin));
            string addCsp = $"Set-QlikOAuthClient -ClientId {id} -AllowedOrigin <origins> -AddCspOrigin, or New-QlikCspOrigin -Origin {wanted} -FrameAncestors -ConnectSrc";
            string setCsp = entry is null ? addCsp : $"Set-QlikCspOrigin -Id {entry.Id} -FrameAncestors -ConnectSrc";
            return new[]
            {
                new EmbeddingFinding("Grant", impersonation,
                    impersonation ? "The client allows user impersonation." : "The client does not allow the user-impersonation grant, so it cannot mint tokens for the browser's user.",
                    "Create an impersonation client: New-QlikOAuthClient -Impersonation -AllowedOrigin " + wanted),
                new EmbeddingFinding("Consent", trusted,
                    trusted ? "The client's consent method is trusted." : $"The client's consent method is '{consentMethod ?? "unknown"}'; the tenant refuses its tokens until it is trusted.",
                    $"Set-QlikOAuthConsent -ClientId {id} -Method Trusted"),
                new EmbeddingFinding("AllowedOrigin", allowed,
                    allowed ? $"{wanted} is one of the client's allowed origins." : $"{wanted} is not in the client's allowed origins; the browser's calls fail with OAUTH-29.",
                    $"Set-QlikOAuthClient -ClientId {id} -AllowedOrigin {string.Join(",", client.AllowedOrigins.Concat(new[] { wanted }))}"),
                new EmbeddingFinding("CspOrigin", entry != null,
                    entry != null ? $"The tenant's CSP list has {entry.Origin} (id {entry.Id})." : $"The tenant's CSP list has no entry for {wanted}; the browser is refused.",
                    addCsp),
                new EmbeddingFinding("CspFrameAncestors", entry?.Allows(CspDirectives.FrameAncestors) == true,
                    entry?.Allows(CspDirectives.FrameAncestors) == true ? "frame-ancestors allows the origin to embed Qlik in an iframe." : $"frame-ancestors does not allow {wanted}: Qlik content in its iframes is blocked.",
                    setCsp),
                new EmbeddingFinding("CspConnectSrc", entry?.Allows(CspDirectives.ConnectSrc) == true,
                    entry?.Allows(CspDirectives.ConnectSrc) == true ? "connect-src allows the origin." : $"connect-src does not allow {wanted}: the embedded content's calls are blocked.",
                    setCsp),
            };
        }

        /// <summary>What a browser sends as Origin: scheme://host[:port], nothing after it.</summary>
        public static Uri BrowserOrigin(string origin)
        {
            if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != "https" && uri.Scheme != "http")
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin!.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                throw new Errors.QlikValidationException(CspErrors.InvalidCspOrigin, $"'{origin}' is not a browser origin. Give what the browser shows as the page's origin: https://host[:port], with no path.", origin);
            }

            return uri;
        }
    }
}
