using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Writes one definition per client as stable JSON (see ClientDefinitionJson): no secret, keys as JWKs, the JWKS
    /// URL, the consent method and a schema version; the client id only with -IncludeId. To the pipeline as text, or
    /// with -Path to a folder, one file per client named after the client. A client that cannot be copied faithfully
    /// (another app type, a key this module cannot read) is an error, never a definition that would create another client.
    /// Several sessions export each tenant: with -Path into a folder per tenant under it (<see cref="ClientFileName.FolderOf"/>),
    /// so one tenant's files never overwrite another's; each text or file carries a TenantUrl note property.
    /// </summary>
    [Cmdlet(VerbsData.Export, "QlikOAuthClient", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportQlikOAuthClientCommand : OAuthClientCmdlet
    {
        internal const string ByNameSet = "ByName";
        internal const string ByIdSet = "ById";

        private static readonly UTF8Encoding Utf8WithoutBom = new UTF8Encoding(false);

        // File path -> client id, so two clients of one folder never share (and overwrite) a file.
        // Several sessions: each output says its tenant (one tenant's output stays as it always was: plain text or files).
        private bool _fleet;

        private readonly Dictionary<string, string> _written = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);

        /// <summary>Client names, wildcards allowed (case-insensitive); none: every client.</summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ClientNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>The clients to export; binds from Get-QlikOAuthClient's output, which is read again here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        /// <summary>
        /// A folder (made when missing) to write one file per client to, named after the client; existing files of those
        /// names are replaced. With several sessions, each tenant's files go to a subfolder named after its host (and port).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Also write each client's id (its id on this tenant: Import and Sync never match by it).</summary>
        [Parameter]
        public SwitchParameter IncludeId { get; set; }

        protected override void ProcessRecord()
        {
            IReadOnlyList<QlikSession> sessions = ResolveSessions();
            _fleet = sessions.Count > 1;
            ForEachSession(sessions, session =>
            {
                string? folder = Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                Export(session, _fleet && folder != null ? System.IO.Path.Combine(folder, ClientFileName.FolderOf(session.TenantUrl)) : folder);
            });
        }

        private void Export(QlikSession session, string? folder)
        {
            OAuthClientsApi api = ApiOf(session);
            if (ParameterSetName == ByIdSet)
            {
                foreach (string clientId in ClientId)
                {
                    TryEngine(() => Export(api, RunEngine(cancellationToken => api.GetAsync(clientId, cancellationToken)), session, folder), clientId);
                }

                return;
            }

            var patterns = new List<WildcardPattern>();
            foreach (string name in Name ?? new[] { "*" })
            {
                patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase));
            }

            if (!TryEngine(() => RunEngine(cancellationToken => api.ListAllAsync(null, "+clientName", cancellationToken)), Name, out List<OAuthClient> clients))
            {
                return;
            }

            foreach (OAuthClient client in clients.FindAll(client => patterns.Exists(pattern => pattern.IsMatch(client.ClientName ?? string.Empty))))
            {
                TryEngine(() => Export(api, client, session, folder), client.ClientId);
            }
        }

        private void Export(OAuthClientsApi api, OAuthClient client, QlikSession session, string? folder)
        {
            string? consent = RunEngine(cancellationToken => api.ConsentMethodOfAsync(client, cancellationToken));
            string text = ClientDefinitionJson.Write(ClientDefinition.Of(client, consent, IncludeId));
            if (folder is null)
            {
                WriteObject(FromTenant(text, session));
                return;
            }

            string fileName = ClientFileName.Of(client.ClientName);
            string file = System.IO.Path.Combine(folder, fileName);
            if (_written.TryGetValue(file, out string? other))
            {
                throw new QlikValidationException(
                    ClientErrors.DefinitionNameClash,
                    $"The clients {other} and {client.ClientId} both export to {fileName} (their names differ only in characters a file name cannot hold, or are equal). The file holds {other}; rename one client, or export it on its own to another folder.",
                    client.ClientId);
            }

            Directory.CreateDirectory(folder);
            File.WriteAllText(file, text, Utf8WithoutBom);
            _written[file] = client.ClientId;
            WriteObject(FromTenant(new FileInfo(file), session));
        }

        /// <summary>With several sessions, the output with the tenant it came from, so a fleet's definitions (text or files) say whose they are.</summary>
        private object FromTenant(object output, QlikSession session)
        {
            if (!_fleet)
            {
                return output;
            }

            var wrapped = PSObject.AsPSObject(output);
            wrapped.Properties.Add(new PSNoteProperty("TenantUrl", session.TenantUrl));
            return wrapped;
        }
    }
}
