using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Removes public keys from a client by key id, keeping its other keys. A client's PublicKeys pipe in
    /// ($client.PublicKeys | Where-Object KeyId -eq old | Remove-QlikOAuthClientKey). Assertions signed with a removed
    /// key are refused from then on. The last key of a client that allows private_key_jwt is never removed: Qlik
    /// requires one for that method.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "QlikOAuthClientKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveQlikOAuthClientKeyCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] KeyId { get; set; } = null!;

        /// <summary>Do not ask for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            var credentials = new ClientCredentials(ApiOf(session));
            foreach (string keyId in KeyId)
            {
                if (ConfirmChange($"key '{keyId}' of {ClientId}", "Remove public key", Force)
                    && TryEngine(() => RunEngine(cancellationToken => credentials.RemoveKeyAsync(ClientId, keyId, cancellationToken)), keyId))
                {
                    WriteVerbose($"Removed the public key '{keyId}' of OAuth client {ClientId}.");
                }
            }
        }
    }
}
