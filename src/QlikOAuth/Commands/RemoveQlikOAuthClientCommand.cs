using System.Management.Automation;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Deletes OAuth clients (sending qlik-confirm-delete, as the API requires). Tokens of the client stop working.
    /// Asks first (ConfirmImpact High) unless -Force or -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QlikOAuthClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikOAuthClientCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        /// <summary>Do not ask for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            foreach (string clientId in ClientId)
            {
                if (ConfirmChange(clientId, "Delete OAuth client", Force)
                    && TryEngine(() => RunEngine(cancellationToken => ApiOf(session).DeleteAsync(clientId, cancellationToken)), clientId))
                {
                    WriteVerbose($"Deleted OAuth client {clientId}.");
                }
            }
        }
    }
}
