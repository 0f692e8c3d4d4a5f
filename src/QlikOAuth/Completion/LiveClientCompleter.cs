using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Completion
{
    /// <summary>
    /// Completes from the tenant: on the -Session already typed on the command line, else the runspace's default
    /// session. A slow or unreachable tenant must not freeze the prompt, so the lookup gives up after a short timeout
    /// and completion then offers nothing. Without a session it offers nothing either (never file names).
    /// </summary>
    public abstract class LiveCompleter : IArgumentCompleter
    {
        internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        /// <summary>At most this many suggestions: enough for a menu, few enough to read.</summary>
        private const int MaxResults = 50;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            QlikSession? session = SessionOf(fakeBoundParameters);
            if (session is null || !session.IsConnected)
            {
                return Enumerable.Empty<CompletionResult>();
            }

            return Within(cancellationToken => CandidatesAsync(session, fakeBoundParameters, cancellationToken))
                .Where(candidate => !string.IsNullOrEmpty(candidate.Value) && CompletionValues.Matching(new[] { candidate.Value }, wordToComplete).Any())
                .Take(MaxResults)
                .Select(candidate => CompletionValues.Result(candidate.Value, candidate.ToolTip, candidate.ListItemText))
                .ToList();
        }

        /// <summary>What the tenant offers for this parameter: the value to insert, the text of the menu line, a tooltip.</summary>
        internal abstract Task<IEnumerable<(string Value, string ListItemText, string ToolTip)>> CandidatesAsync(QlikSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken);

        private static QlikSession? SessionOf(IDictionary? fakeBoundParameters)
        {
            object? candidate = fakeBoundParameters != null && fakeBoundParameters.Contains("Session") ? fakeBoundParameters["Session"] : DefaultOfThisRunspace();
            return (candidate is PSObject wrapped ? wrapped.BaseObject : candidate) as QlikSession;
        }

        /// <summary>Completion runs inside a pipeline of the user's runspace: read the variable through a nested pipeline there.</summary>
        private static object? DefaultOfThisRunspace()
        {
            using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddScript("$" + DefaultSession.VariablePath);
            return shell.Invoke().FirstOrDefault();
        }

        private static IEnumerable<(string Value, string ListItemText, string ToolTip)> Within(Func<CancellationToken, Task<IEnumerable<(string, string, string)>>> lookup)
        {
            using var cancellation = new CancellationTokenSource(Timeout);
            Task<IEnumerable<(string, string, string)>> listing = Task.Run(() => lookup(cancellation.Token));
            try
            {
                return listing.Wait(Timeout) ? listing.Result : Enumerable.Empty<(string, string, string)>();
            }
            catch (AggregateException)
            {
                // Completion is best effort: a failed lookup offers nothing rather than an error at the prompt.
                return Enumerable.Empty<(string, string, string)>();
            }
        }
    }

    /// <summary>Completes from the tenant's clients, sorted by name.</summary>
    public abstract class LiveClientCompleter : LiveCompleter
    {
        internal override async Task<IEnumerable<(string Value, string ListItemText, string ToolTip)>> CandidatesAsync(QlikSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            List<OAuthClient> clients = await new OAuthClientsApi(session.Engine.Connection, session.Engine.Credential).ListAllAsync(null, "+clientName", cancellationToken).ConfigureAwait(false);
            return clients.Select(client => (ValueOf(client), ListItemTextOf(client), $"{client.ClientName} ({client.ClientId})"));
        }

        internal abstract string ValueOf(OAuthClient client);

        internal virtual string ListItemTextOf(OAuthClient client) => ValueOf(client);
    }

    /// <summary>Client ids of the tenant; the menu line shows the name too, as ids alone say nothing.</summary>
    public sealed class ClientIdCompleter : LiveClientCompleter
    {
        internal override string ValueOf(OAuthClient client) => client.ClientId;

        internal override string ListItemTextOf(OAuthClient client) => $"{client.ClientId} ({client.ClientName})";
    }

    /// <summary>Client names of the tenant.</summary>
    public sealed class ClientNameCompleter : LiveClientCompleter
    {
        internal override string ValueOf(OAuthClient client) => client.ClientName ?? string.Empty;
    }
}
