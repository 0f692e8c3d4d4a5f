using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Removes entries from the tenant's Content Security Policy list: browsers at that origin lose what the entry
    /// allowed (embedding Qlik in iframes, for one). Asks first (ConfirmImpact High) unless -Force or -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QlikCspOrigin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikCspOriginCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = null!;

        /// <summary>Do not ask for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            foreach (string id in Id)
            {
                if (ConfirmChange(id, "Remove from the Content Security Policy list", Force)
                    && TryEngine(() => RunEngine(cancellationToken => CspApiOf(session).DeleteAsync(id, cancellationToken)), id))
                {
                    WriteVerbose($"Removed CSP origin {id}.");
                }
            }
        }
    }
}
