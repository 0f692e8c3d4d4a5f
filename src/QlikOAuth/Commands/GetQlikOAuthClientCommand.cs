using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Gets OAuth clients: all of them (paging transparently), on one tenant or each of several (-Session $sessions), by -ClientId, by -Name (wildcards allowed) or by a raw
    /// SCIM -Filter. The consent method comes from the read model's connectionConfig when the tenant includes it,
    /// else from connection-configs/me for that client.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikOAuthClient", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(QlikOAuthClient))]
    public sealed class GetQlikOAuthClientCommand : OAuthClientCmdlet
    {
        internal const string ByNameSet = "ByName";
        internal const string ByIdSet = "ById";
        internal const string ByFilterSet = "ByFilter";

        /// <summary>Client names, wildcards allowed (case-insensitive); none: every client.</summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ClientNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        /// <summary>A SCIM filter sent as given, such as: clientName sw "etl-" and appType eq "web".</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByFilterSet)]
        [ValidateNotNullOrEmpty]
        public string Filter { get; set; } = null!;

        private bool _clientIdGiven;

        protected override void BeginProcessing() => _clientIdGiven = MyInvocation.BoundParameters.ContainsKey(nameof(ClientId));

        protected override void ProcessRecord()
        {
            // Several sessions: the same query on each tenant, in the order given; each client's Session names its tenant.
            ForEachSession(ResolveSessions(), Get);
        }

        private void Get(QlikSession session)
        {
            switch (ParameterSetName)
            {
                case ByIdSet when !_clientIdGiven:
                    foreach (string value in ClientId)
                    {
                        GetPiped(session, value);
                    }

                    break;
                case ByIdSet:
                    foreach (string clientId in ClientId)
                    {
                        if (TryEngine(() => ReadClient(session, clientId), clientId, out QlikOAuthClient client))
                        {
                            WriteObject(client);
                        }
                    }

                    break;
                case ByFilterSet:
                    TryEngine(() => WriteAll(session, List(session, Filter)), Filter);
                    break;
                default:
                    GetByName(session, Name);
                    break;
            }
        }

        /// <summary>
        /// A piped string is what a user would type at -ClientId or -Name: a client id finds that client; anything else
        /// (or an id-like word no client has as its id) is a name, wildcards allowed.
        /// </summary>
        private void GetPiped(QlikSession session, string value)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(value) && OAuthClientValidator.IsPathSegment(value))
            {
                ErrorRecord? failure = CaptureEngine(() => ReadClient(session, value), value, out QlikOAuthClient client);
                if (failure is null)
                {
                    WriteObject(client);
                    return;
                }

                if ((failure.Exception as QlikOAuthException)?.Kind != QlikErrorKind.NotFound)
                {
                    WriteError(failure);
                    return;
                }
            }

            GetByName(session, new[] { value });
        }

        /// <summary>A name without wildcards is asked of the tenant exactly, and its absence is an error (like Get-Process -Name).</summary>
        private void GetByName(QlikSession session, string[]? names)
        {
            if (names is null)
            {
                TryEngine(() => WriteAll(session, List(session, null)), null);
                return;
            }

            var patterns = new List<WildcardPattern>();
            foreach (string name in names)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase));
                    continue;
                }

                TryEngine(() =>
                {
                    IReadOnlyList<OAuthClient> found = RunEngine(cancellationToken => ApiOf(session).FindByNameAsync(name, cancellationToken));
                    if (found.Count == 0)
                    {
                        throw new QlikOAuthException(ClientErrors.ClientNotFound, QlikErrorKind.NotFound, $"No OAuth client is named '{name}'. List the names with Get-QlikOAuthClient, or use wildcards (-Name '*{name}*').", name);
                    }

                    WriteAll(session, found);
                }, name);
            }

            if (patterns.Count > 0)
            {
                TryEngine(() => WriteAll(session, List(session, null).FindAll(client => patterns.Exists(pattern => pattern.IsMatch(client.ClientName ?? string.Empty)))), names);
            }
        }

        private List<OAuthClient> List(QlikSession session, string? filter) =>
            RunEngine(cancellationToken => ApiOf(session).ListAllAsync(filter, null, cancellationToken));

        private void WriteAll(QlikSession session, IEnumerable<OAuthClient> clients)
        {
            OAuthClientsApi api = ApiOf(session);
            foreach (OAuthClient client in clients)
            {
                WriteObject(new QlikOAuthClient(client, session, RunEngine(cancellationToken => api.ConsentMethodOfAsync(client, cancellationToken))));
            }
        }
    }
}
