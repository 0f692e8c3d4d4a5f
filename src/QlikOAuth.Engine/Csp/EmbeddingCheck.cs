using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// Whether a browser at an origin can use a client's impersonation tokens: the client allows the grant and the
    /// origin, its consent is trusted, and the tenant's CSP list, read whole as the generated header combines it, gives
    /// the origin frame-ancestors (iframes) and connect-src (REST calls). Each missing piece is a finding that names its
    /// fix; CSP entries the check cannot read are named in a warning.
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
            CspCoverage coverage = CspCoverage.Of(await csp.ListAsync(null, null, CspDirectives.None, cancellationToken).ConfigureAwait(false), browserOrigin);
            if (coverage.Unreadable.Count > 0)
            {
                QlikLog.Warning($"The embedding check cannot read {coverage.Unreadable.Count} CSP entr{(coverage.Unreadable.Count == 1 ? "y" : "ies")} as a host with an optional scheme and port and leaves "
                    + $"{(coverage.Unreadable.Count == 1 ? "it" : "them")} out: {CspCoverage.Name(coverage.Unreadable)}. Correct or remove each with Set-QlikCspOrigin or Remove-QlikCspOrigin.");
            }

            string addCsp = $"Set-QlikOAuthClient -ClientId {id} -AllowedOrigin <origins> -AddCspOrigin, or New-QlikCspOrigin -Origin {wanted} -FrameAncestors -ConnectSrc";
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
                new EmbeddingFinding("CspOrigin", coverage.Admitting.Count > 0,
                    coverage.Admitting.Count > 0 ? $"The tenant's CSP list admits it: {CspCoverage.Name(coverage.Admitting)}." : $"The tenant's CSP list has no entry for {wanted}; the browser is refused.",
                    addCsp),
                DirectiveFinding("CspFrameAncestors", CspDirectives.FrameAncestors, "frame-ancestors", $"frame-ancestors does not allow {wanted}: Qlik content in its iframes is blocked.", coverage, addCsp),
                DirectiveFinding("CspConnectSrc", CspDirectives.ConnectSrc, "connect-src", $"connect-src does not allow {wanted}: the embedded content's calls are blocked.", coverage, addCsp),
            };
        }

        /// <summary>A directive of the header: passed when any entry admitting the origin sets it; else widen the narrowest such entry, or add one.</summary>
        private static EmbeddingFinding DirectiveFinding(string check, CspDirectives directive, string header, string missing, CspCoverage coverage, string addCsp)
        {
            CspOrigin? entry = coverage.EntryToWiden;
            return new EmbeddingFinding(check, coverage.Allows(directive),
                coverage.Allows(directive) ? $"{header} allows the origin." : missing,
                entry is null ? addCsp : $"Set-QlikCspOrigin -Id {entry.Id} -{directive}");
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
