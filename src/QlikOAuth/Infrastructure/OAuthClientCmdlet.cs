using System.Management.Automation;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of the client cmdlets: the clients API of the session in force for the current pipeline item and confirmation that honours -Force without defeating -WhatIf.
    /// </summary>
    public abstract class OAuthClientCmdlet : QlikSessionCmdlet
    {
        internal static OAuthClientsApi ApiOf(QlikSession session) => new OAuthClientsApi(session.Engine);

        /// <summary>The client as the tenant has it now, with its consent method.</summary>
        internal QlikOAuthClient ReadClient(QlikSession session, string clientId) =>
            RunEngine(async cancellationToken =>
            {
                OAuthClientsApi api = ApiOf(session);
                OAuthClient client = await api.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
                return new QlikOAuthClient(client, session, await api.ConsentMethodOfAsync(client, cancellationToken).ConfigureAwait(false));
            });

        /// <summary>
        /// ShouldProcess, except that -Force skips the confirmation prompt. -WhatIf (or an explicit -Confirm) still
        /// applies with -Force: forcing must never turn a dry run into a real change.
        /// </summary>
        internal bool ConfirmChange(string target, string action, bool force)
        {
            bool askedToConfirm = MyInvocation.BoundParameters.ContainsKey("Confirm");
            return (force && !askedToConfirm && !IsWhatIf) || ShouldProcess(target, action);
        }
    }
}
