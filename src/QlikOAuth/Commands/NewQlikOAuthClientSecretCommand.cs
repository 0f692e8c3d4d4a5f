using System.Management.Automation;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Adds a secret to a client (rotation: add the new one, switch your applications, remove the old one). Qlik keeps
    /// at most five secrets per client. Asks first (ConfirmImpact High, as the module guide has it for secret
    /// rotation) unless -Force or -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "QlikOAuthClientSecret", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(QlikOAuthClientSecret))]
    public sealed class NewQlikOAuthClientSecretCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            foreach (string clientId in ClientId)
            {
                if (ConfirmChange(clientId, "Add a client secret", Force)
                    && TryEngine(() => RunEngine(cancellationToken => new ClientCredentials(ApiOf(session)).AddSecretAsync(clientId, cancellationToken)), clientId, out NewClientSecret secret))
                {
                    WriteObject(new QlikOAuthClientSecret(secret, session));
                }
            }
        }
    }
}
