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
    /// Completes from the tenant's clients: on the -Session already typed on the command line, else the runspace's
    /// default session. A slow or unreachable tenant must not freeze the prompt, so the lookup gives up after a
    /// short timeout and completion then offers nothing.
    /// </summary>
    public abstract class LiveClientCompleter : IArgumentCompleter
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

            List<OAuthClient> clients = ListWithin(session);
            return clients
                .Where(client => CompletionValues.Matching(new[] { ValueOf(client) }, wordToComplete).Any())
                .Take(MaxResults)
                .Select(client => CompletionValues.Result(ValueOf(client), $"{client.ClientName} ({client.ClientId})"))
                .ToList();
        }

        internal abstract string ValueOf(OAuthClient client);

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

        private static List<OAuthClient> ListWithin(QlikSession session)
        {
            using var cancellation = new CancellationTokenSource(Timeout);
            Task<List<OAuthClient>> listing = Task.Run(() => new OAuthClientsApi(session.Engine.Connection, session.Engine.Credential).ListAllAsync(null, "+clientName", cancellation.Token));
            try
            {
                return listing.Wait(Timeout) ? listing.Result : new List<OAuthClient>();
            }
            catch (AggregateException)
            {
                // Completion is best effort: a failed lookup offers nothing rather than an error at the prompt.
                return new List<OAuthClient>();
            }
        }
    }

    /// <summary>Client ids of the tenant (tooltip: name and id).</summary>
    public sealed class ClientIdCompleter : LiveClientCompleter
    {
        internal override string ValueOf(OAuthClient client) => client.ClientId;
    }

    /// <summary>Client names of the tenant.</summary>
    public sealed class ClientNameCompleter : LiveClientCompleter
    {
        internal override string ValueOf(OAuthClient client) => client.ClientName ?? string.Empty;
    }
}
