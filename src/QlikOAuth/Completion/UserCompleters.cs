using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Users;

namespace QlikOAuth.Completion
{
    /// <summary>Completes from the tenant's users (the first page: enough for a prompt).</summary>
    public abstract class LiveUserCompleter : LiveCompleter
    {
        internal override async Task<IEnumerable<(string Value, string ListItemText, string ToolTip)>> CandidatesAsync(QlikSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            IReadOnlyList<Engine.Users.QlikUser> users = await UsersApi.ListFirstAsync(session.Engine.Connection, session.Engine.Credential, cancellationToken).ConfigureAwait(false);
            return users.Select(user => (ValueOf(user) ?? string.Empty, ValueOf(user) ?? string.Empty, $"{user.Name} ({user.Email ?? user.Subject})"));
        }

        internal abstract string? ValueOf(Engine.Users.QlikUser user);
    }

    /// <summary>Users' emails, for -Email.</summary>
    public sealed class UserEmailCompleter : LiveUserCompleter
    {
        internal override string? ValueOf(Engine.Users.QlikUser user) => user.Email;
    }

    /// <summary>Users' subjects, for -Subject.</summary>
    public sealed class UserSubjectCompleter : LiveUserCompleter
    {
        internal override string? ValueOf(Engine.Users.QlikUser user) => user.Subject;
    }

    /// <summary>The secret hints of the client named by -ClientId on the same command line, for -Hint.</summary>
    public sealed class SecretHintCompleter : LiveCompleter
    {
        internal override async Task<IEnumerable<(string Value, string ListItemText, string ToolTip)>> CandidatesAsync(QlikSession session, IDictionary fakeBoundParameters, CancellationToken cancellationToken)
        {
            if (!(fakeBoundParameters["ClientId"] is string clientId) || !OAuthClientValidator.IsPathSegment(clientId))
            {
                return Enumerable.Empty<(string, string, string)>();
            }

            OAuthClient client = await new OAuthClientsApi(session.Engine.Connection, session.Engine.Credential).GetAsync(clientId, cancellationToken).ConfigureAwait(false);
            return client.SecretHints.Select(hint => (hint, hint, $"a secret of {client.ClientName} ({client.ClientId})"));
        }
    }
}
