using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Gets entries of the Content Security Policy list of one tenant or each of several (-Session $sessions): all of them (paging transparently), by -Id, by
    /// -Origin, by -Name (wildcards) or by the directives they allow (-FrameAncestors -ConnectSrc: entries that allow both).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikCspOrigin", DefaultParameterSetName = ByFilterSet)]
    [OutputType(typeof(QlikCspOrigin))]
    public sealed class GetQlikCspOriginCommand : CspOriginCmdlet
    {
        internal const string ByFilterSet = "ByFilter";
        internal const string ByIdSet = "ById";

        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = null!;

        /// <summary>The entry of this origin (exact, case-insensitive); its absence is an error.</summary>
        [Parameter(Position = 0, ParameterSetName = ByFilterSet)]
        [ValidateNotNullOrEmpty]
        public string? Origin { get; set; }

        [Parameter(ParameterSetName = ByFilterSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet && ChosenDirectives() != (CspDirectives.None, CspDirectives.None))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    "DirectiveFilterWithId",
                    ErrorCategory.InvalidArgument,
                    "The directive switches filter the list; with -Id the entries are named already. Leave them out, or filter with Where-Object."));
            }

            // Several sessions: the same query on each tenant, in the order given; each entry's Session names its tenant.
            ForEachSession(ResolveSessions(), Get);
        }

        private void Get(QlikSession session)
        {
            CspOriginsApi api = CspApiOf(session);
            if (ParameterSetName == ByIdSet)
            {
                foreach (string id in Id)
                {
                    if (TryEngine(() => RunEngine(cancellationToken => api.GetAsync(id, cancellationToken)), id, out CspOrigin entry))
                    {
                        WriteObject(new QlikCspOrigin(entry, session));
                    }
                }

                return;
            }

            if (TryEngine(() => List(api), Origin ?? Name, out List<CspOrigin> entries))
            {
                foreach (CspOrigin entry in entries)
                {
                    WriteObject(new QlikCspOrigin(entry, session));
                }
            }
        }

        /// <summary>The entries the filters select; -Origin names one entry, so finding none is an error.</summary>
        private List<CspOrigin> List(CspOriginsApi api)
        {
            string? origin = Origin is null ? null : CspOriginRules.CheckOrigin(Origin);
            List<CspOrigin> entries = RunEngine(cancellationToken => api.ListAsync(origin, Name, ChosenDirectives().On, cancellationToken));
            if (origin != null && entries.Count == 0)
            {
                throw new QlikOAuthException(CspErrors.CspOriginNotFound, QlikErrorKind.NotFound, $"The tenant's CSP list has no entry for {origin}. Add one with New-QlikCspOrigin -Origin {origin} -FrameAncestors -ConnectSrc.", origin);
            }

            return entries;
        }
    }
}
