using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Lists a client's secrets as objects (hint, created at, created by), never their values: the tenant shows a
    /// secret once, when it is made. Each object pipes into Remove-QlikOAuthClientSecret or Update-QlikOAuthClientSecret.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikOAuthClientSecret")]
    [OutputType(typeof(QlikOAuthClientSecretInfo))]
    public sealed class GetQlikOAuthClientSecretCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            var credentials = new ClientCredentials(ApiOf(session));
            foreach (string clientId in ClientId)
            {
                if (TryEngine(() => RunEngine(cancellationToken => credentials.ListSecretsAsync(clientId, cancellationToken)), clientId, out IReadOnlyList<ClientSecretInfo> secrets))
                {
                    foreach (ClientSecretInfo secret in secrets)
                    {
                        WriteObject(new QlikOAuthClientSecretInfo(clientId, secret, session));
                    }
                }
            }
        }
    }
}
