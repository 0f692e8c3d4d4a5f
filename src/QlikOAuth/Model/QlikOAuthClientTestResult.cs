using System;
using System.Collections.Generic;
using System.Linq;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth
{
    /// <summary>
    /// What Test-QlikOAuthClient found: who the client's token acts as (its bot user qlikbot\&lt;clientId&gt;, or the
    /// impersonated user), or in plain words why the tenant refused it. Holds no token.
    /// </summary>
    public sealed class QlikOAuthClientTestResult
    {
        internal QlikOAuthClientTestResult(string clientId, ClientCheckResult check, Uri tenantUrl)
        {
            ClientId = clientId;
            Success = check.Succeeded;
            GrantType = check.GrantType;
            ActsAs = check.ActsAs?.Subject;
            UserId = check.ActsAs?.Id ?? check.User?.UserId;
            UserName = check.ActsAs?.Name;
            IsBotUser = check.ActsAs?.Subject?.StartsWith(@"qlikbot\", StringComparison.OrdinalIgnoreCase) ?? false;
            Scope = check.Token?.Scope;
            ExpiresAt = check.Token?.ExpiresAt;
            Reason = check.Reason?.ToString();
            Message = (check.Succeeded ? $"Client {clientId} works: its token acts as {ActsAs ?? UserName}." : check.Explanation)
                + (check.Note is null ? string.Empty : " " + check.Note);
            TenantUrl = tenantUrl;
        }

        public string ClientId { get; }

        public bool Success { get; private set; }

        /// <summary>client_credentials, or urn:qlik:oauth:user-impersonation when a user was given (or, with none, for a client without client_credentials: the session's user).</summary>
        public string GrantType { get; }

        /// <summary>The subject GET /api/v1/users/me showed for the token: qlikbot\&lt;clientId&gt; for M2M.</summary>
        public string? ActsAs { get; }

        public string? UserId { get; }

        public string? UserName { get; }

        public bool IsBotUser { get; }

        public string? Scope { get; }

        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>Why it failed, e.g. InvalidClientCredentials, GrantNotAllowed, ConsentNotTrusted, ScopeNotAllowed, UserNotFound.</summary>
        public string? Reason { get; }

        /// <summary>What happened in plain words, and on failure what to do.</summary>
        public string? Message { get; private set; }

        public Uri TenantUrl { get; }

        /// <summary>The browser origin tested with -Origin; null without it.</summary>
        public string? Origin { get; private set; }

        /// <summary>With -Origin: what a browser there needs (allowed origin, CSP entry and directives, grant, consent), each with its fix.</summary>
        public EmbeddingFinding[] OriginChecks { get; private set; } = Array.Empty<EmbeddingFinding>();

        /// <summary>Adds the origin's findings: the client works for that browser only when the token works and every finding passed.</summary>
        internal void AddOriginChecks(string origin, IReadOnlyList<EmbeddingFinding> findings)
        {
            Origin = origin;
            OriginChecks = findings.ToArray();
            List<EmbeddingFinding> failed = findings.Where(finding => !finding.Passed).ToList();
            if (failed.Count == 0)
            {
                Message += $" A browser at {origin} can use it.";
                return;
            }

            Success = false;
            Message += $" A browser at {origin} will fail: " + string.Join(" ", failed.Select(finding => $"{finding.Detail} Fix: {finding.Fix}."));
        }

        public override string ToString() => Success ? $"{ClientId}: OK, acts as {ActsAs}" : $"{ClientId}: {Reason}";
    }
}
