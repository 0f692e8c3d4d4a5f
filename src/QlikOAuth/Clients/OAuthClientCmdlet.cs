using System;
using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Clients
{
    /// <summary>
    /// Base of the client cmdlets: the clients API of the session in force for the current pipeline item, one item's
    /// failure reported without stopping the pipeline, and confirmation that honours -Force without defeating -WhatIf.
    /// </summary>
    public abstract class OAuthClientCmdlet : QlikSessionCmdlet
    {
        internal static OAuthClientsApi ApiOf(QlikSession session) => new OAuthClientsApi(session.Engine.Connection, session.Engine.Credential);

        /// <summary>Runs one item's engine work; a failure becomes a non-terminating error and false.</summary>
        internal bool TryEngine(Action work, object? target)
        {
            try
            {
                work();
                return true;
            }
            catch (QlikOAuthException exception)
            {
                WriteEngineError(exception, target);
                return false;
            }
        }

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
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
                ? ((SwitchParameter)value).IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            return (force && !askedToConfirm && !whatIf) || ShouldProcess(target, action);
        }
    }
}
