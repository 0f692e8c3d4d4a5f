using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Removes public keys from a client by key id, keeping its other keys. A client's PublicKeys pipe in
    /// ($client.PublicKeys | Where-Object KeyId -eq old | Remove-QlikOAuthClientKey). Assertions signed with a removed
    /// key are refused from then on; the last way a client can authenticate is removed only with -Force.
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

        /// <summary>Do not ask for confirmation, and remove the key even when it is the client's last way to authenticate.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            var credentials = new ClientCredentials(ApiOf(session));
            foreach (string keyId in KeyId)
            {
                if (ConfirmChange($"key '{keyId}' of {ClientId}", "Remove public key", Force)
                    && TryEngine(() => RunEngine(cancellationToken => credentials.RemoveKeyAsync(ClientId, keyId, Force, cancellationToken)), keyId))
                {
                    WriteVerbose($"Removed the public key '{keyId}' of OAuth client {ClientId}.");
                }
            }
        }
    }
}
