using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>
    /// <c>/api/v1/csp-origins</c>: the tenant's Content Security Policy list (TenantAdmin). Creates and replacements
    /// are checked against the 256-entry and 6,144-character limits before they are sent, so a refusal says which
    /// limit and what to do instead of a bare 400.
    /// </summary>
    public sealed class CspOriginsApi
    {
        public const string BasePath = "/api/v1/csp-origins";
        private const int PageSize = 100;

        private readonly QlikConnection _connection;
        private readonly ITenantCredential _credential;

        public CspOriginsApi(QlikConnection connection, ITenantCredential credential)
        {
            _connection = connection;
            _credential = credential;
        }

        /// <param name="origin">Only the entry of this origin (exact, case-insensitive).</param>
        /// <param name="name">Only entries whose name matches; <c>*</c> is a wildcard.</param>
        /// <param name="directives">Only entries that allow all of these.</param>
        public async Task<List<CspOrigin>> ListAsync(string? origin, string? name, CspDirectives directives, CancellationToken cancellationToken)
        {
            var query = new StringBuilder(BasePath).Append("?limit=").Append(PageSize);
            if (!string.IsNullOrEmpty(origin))
            {
                query.Append("&origin=").Append(Uri.EscapeDataString(origin));
            }

            if (!string.IsNullOrEmpty(name))
            {
                query.Append("&name=").Append(Uri.EscapeDataString(name));
            }

            foreach ((CspDirectives directive, string field, string _) in CspDirectiveNames.All.Where(d => (directives & d.Directive) != 0))
            {
                query.Append('&').Append(field).Append("=true");
            }

            var entries = new List<CspOrigin>();
            await foreach (JsonElement item in QlikPage.ReadAllAsync(_connection, _credential, query.ToString(), cancellationToken).ConfigureAwait(false))
            {
                entries.Add(CspOriginJson.Read(item, BasePath));
            }

            return entries;
        }

        public async Task<CspOrigin> GetAsync(string id, CancellationToken cancellationToken)
        {
            QlikResponse response = await SendAsync(HttpMethod.Get, EntryPath(id), null, cancellationToken).ConfigureAwait(false);
            return CspOriginJson.Read(response.Json(), response.Path);
        }

        /// <summary>The entry of this origin, or null.</summary>
        public async Task<CspOrigin?> FindAsync(string origin, CancellationToken cancellationToken)
        {
            string normalized = CspOriginRules.CheckOrigin(origin);
            List<CspOrigin> found = await ListAsync(normalized, null, CspDirectives.None, cancellationToken).ConfigureAwait(false);
            return found.FirstOrDefault(e => string.Equals(e.Origin, normalized, StringComparison.OrdinalIgnoreCase));
        }

        public async Task<CspOrigin> CreateAsync(CspOriginSpec spec, CancellationToken cancellationToken)
        {
            spec = Checked(spec);
            List<CspOrigin> all = await ListAsync(null, null, CspDirectives.None, cancellationToken).ConfigureAwait(false);
            if (all.Exists(e => string.Equals(e.Origin, spec.Origin, StringComparison.OrdinalIgnoreCase)))
            {
                CspOrigin existing = all.First(e => string.Equals(e.Origin, spec.Origin, StringComparison.OrdinalIgnoreCase));
                throw new QlikOAuthException(CspErrors.CspOriginExists, QlikErrorKind.Conflict,
                    $"The CSP list already has an entry for {spec.Origin} (id {existing.Id}). Change that one: Set-QlikCspOrigin -Id {existing.Id}.", spec.Origin);
            }

            if (all.Count >= CspOriginRules.MaxEntries)
            {
                throw new QlikOAuthException(CspErrors.CspOriginLimitReached, QlikErrorKind.InvalidArgument,
                    $"The tenant's CSP list has {all.Count} entries, the most Qlik allows ({CspOriginRules.MaxEntries}). Remove entries you no longer need (Remove-QlikCspOrigin) before adding {spec.Origin}.", spec.Origin);
            }

            await CheckHeaderRoomAsync(spec.Origin, spec.Directives, cancellationToken).ConfigureAwait(false);
            QlikResponse response = await SendAsync(HttpMethod.Post, BasePath, CspOriginJson.Write(spec), cancellationToken).ConfigureAwait(false);
            CspOrigin created = CspOriginJson.Read(response.Json(), response.Path);
            QlikLog.Verbose($"Created CSP origin {created.Id} for {created.Origin} ({CspDirectiveNames.Describe(created.Directives)}).");
            return created;
        }

        /// <summary>Replaces every writable field of the entry (PUT).</summary>
        public async Task<CspOrigin> ReplaceAsync(CspOrigin current, CspOriginSpec spec, CancellationToken cancellationToken)
        {
            spec = Checked(spec);
            CspDirectives added = spec.Directives & ~current.Directives;
            if (added != CspDirectives.None || !string.Equals(spec.Origin, current.Origin, StringComparison.OrdinalIgnoreCase))
            {
                await CheckHeaderRoomAsync(spec.Origin, string.Equals(spec.Origin, current.Origin, StringComparison.OrdinalIgnoreCase) ? added : spec.Directives, cancellationToken).ConfigureAwait(false);
            }

            QlikResponse response = await SendAsync(HttpMethod.Put, EntryPath(current.Id), CspOriginJson.Write(spec), cancellationToken).ConfigureAwait(false);
            CspOrigin replaced = CspOriginJson.Read(response.Json(), response.Path);
            QlikLog.Verbose($"Updated CSP origin {replaced.Id} for {replaced.Origin} ({CspDirectiveNames.Describe(replaced.Directives)}).");
            return replaced;
        }

        public Task DeleteAsync(string id, CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, EntryPath(id), null, cancellationToken);

        /// <summary>The Content-Security-Policy header the list produces now.</summary>
        public async Task<string> GenerateHeaderAsync(CancellationToken cancellationToken)
        {
            QlikResponse response = await SendAsync(HttpMethod.Get, BasePath + "/actions/generate-header", null, cancellationToken).ConfigureAwait(false);
            JsonElement json = response.Json();
            return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("Content-Security-Policy", out JsonElement header) && header.ValueKind == JsonValueKind.String
                ? header.GetString() ?? string.Empty
                : string.Empty;
        }

        /// <summary>
        /// Makes sure the origin's entry allows at least <paramref name="directives"/>: creates the entry, or turns the
        /// missing directives on in the existing one (others stay as they are). Null when nothing had to change.
        /// </summary>
        public async Task<CspOrigin?> EnsureAsync(string origin, CspDirectives directives, string? name, CancellationToken cancellationToken)
        {
            CspOrigin? existing = await FindAsync(origin, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return await CreateAsync(new CspOriginSpec(origin, directives, name), cancellationToken).ConfigureAwait(false);
            }

            return existing.Allows(directives)
                ? null
                : await ReplaceAsync(existing, new CspOriginSpec(existing.Origin, existing.Directives | directives, existing.Name, existing.Description), cancellationToken).ConfigureAwait(false);
        }

        private async Task CheckHeaderRoomAsync(string origin, CspDirectives added, CancellationToken cancellationToken)
        {
            string header = await GenerateHeaderAsync(cancellationToken).ConfigureAwait(false);
            int length = header.Length + CspHeaderBudget.Growth(header, origin, added);
            if (length > CspOriginRules.MaxHeaderLength)
            {
                throw new QlikOAuthException(CspErrors.CspHeaderTooLong, QlikErrorKind.InvalidArgument,
                    $"Adding {origin} to {CspDirectiveNames.Describe(added)} would make the tenant's Content-Security-Policy header about {length} characters; Qlik allows {CspOriginRules.MaxHeaderLength}. Remove entries or directives you no longer need, or use a wildcard entry (*.example.com) for many subdomains.", origin);
            }
        }

        private static CspOriginSpec Checked(CspOriginSpec spec)
        {
            if (spec.Name != null && spec.Name.Length > CspOriginRules.MaxNameLength)
            {
                throw new QlikValidationException(CspErrors.CspNameTooLong, $"The name of a CSP origin may have at most {CspOriginRules.MaxNameLength} characters; this one has {spec.Name.Length}.", spec.Name);
            }

            return new CspOriginSpec(CspOriginRules.CheckOrigin(spec.Origin), spec.Directives, spec.Name, spec.Description);
        }

        private static string EntryPath(string id) =>
            BasePath + "/" + Clients.OAuthClientValidator.CheckPathSegment(id, CspErrors.InvalidCspOriginId, "CSP origin id (Get-QlikCspOrigin lists them)");

        private async Task<QlikResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
        {
            try
            {
                return await _connection.SendAsync(new QlikRequest(method, path) { Credential = _credential, JsonBody = body }, cancellationToken).ConfigureAwait(false);
            }
            catch (QlikApiException notFound) when (notFound.StatusCode == HttpStatusCode.NotFound && path != BasePath)
            {
                throw new QlikOAuthException(CspErrors.CspOriginNotFound, QlikErrorKind.NotFound, $"The tenant has no CSP origin at {path}. Get-QlikCspOrigin lists the entries.", path, notFound);
            }
        }
    }
}
