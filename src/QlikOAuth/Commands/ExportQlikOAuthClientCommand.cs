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
    /// </summary>
    [Cmdlet(VerbsData.Export, "QlikOAuthClient", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportQlikOAuthClientCommand : OAuthClientCmdlet
    {
        internal const string ByNameSet = "ByName";
        internal const string ByIdSet = "ById";

        private static readonly UTF8Encoding Utf8WithoutBom = new UTF8Encoding(false);

        // File name -> client id, so two clients of one folder never share (and overwrite) a file.
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

        /// <summary>A folder (made when missing) to write one file per client to, named after the client; existing files of those names are replaced.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Also write each client's id (its id on this tenant: Import and Sync never match by it).</summary>
        [Parameter]
        public SwitchParameter IncludeId { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            OAuthClientsApi api = ApiOf(session);
            if (ParameterSetName == ByIdSet)
            {
                foreach (string clientId in ClientId)
                {
                    TryEngine(() => Export(api, RunEngine(cancellationToken => api.GetAsync(clientId, cancellationToken))), clientId);
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
                TryEngine(() => Export(api, client), client.ClientId);
            }
        }

        private void Export(OAuthClientsApi api, OAuthClient client)
        {
            string? consent = RunEngine(cancellationToken => api.ConsentMethodOfAsync(client, cancellationToken));
            string text = ClientDefinitionJson.Write(ClientDefinition.Of(client, consent, IncludeId));
            if (Path is null)
            {
                WriteObject(text);
                return;
            }

            string folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            string fileName = ClientFileName.Of(client.ClientName);
            if (_written.TryGetValue(fileName, out string? other))
            {
                throw new QlikValidationException(
                    ClientErrors.DefinitionNameClash,
                    $"The clients {other} and {client.ClientId} both export to {fileName} (their names differ only in characters a file name cannot hold, or are equal). The file holds {other}; rename one client, or export it on its own to another folder.",
                    client.ClientId);
            }

            Directory.CreateDirectory(folder);
            string file = System.IO.Path.Combine(folder, fileName);
            File.WriteAllText(file, text, Utf8WithoutBom);
            _written[fileName] = client.ClientId;
            WriteObject(new FileInfo(file));
        }
    }
}
