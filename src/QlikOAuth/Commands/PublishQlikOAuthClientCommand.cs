using System.Management.Automation;
using QlikOAuth.Infrastructure;
using QlikOAuth.Completion;
using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Commands
{
    /// <summary>Publishes clients: makes them usable by every tenant of the region. -PassThru emits the published client.</summary>
    [Cmdlet(VerbsData.Publish, "QlikOAuthClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(QlikOAuthClient))]
    public sealed class PublishQlikOAuthClientCommand : OAuthClientCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClientIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; } = null!;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            foreach (string clientId in ClientId)
            {
                if (ShouldProcess(clientId, "Publish OAuth client to every tenant of the region")
                    && TryEngine(() => RunEngine(cancellationToken => new ClientProvisioner(ApiOf(session)).PublishAsync(clientId, cancellationToken)), clientId)
                    && PassThru
                    && TryEngine(() => ReadClient(session, clientId), clientId, out QlikOAuthClient published))
                {
                    WriteObject(published);
                }
            }
        }
    }
}
