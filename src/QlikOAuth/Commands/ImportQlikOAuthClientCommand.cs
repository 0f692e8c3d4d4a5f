using System.Management.Automation;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>
    /// Creates clients from definitions (files, or Export-QlikOAuthClient's text piped in), as New-QlikOAuthClient
    /// would: a name that exists is refused unless -AllowDuplicateName, consent is set as defined, and each new client
    /// is emitted with its one-time secret as SecureString and Credential. A definition that cannot be read is an
    /// error naming its file and member, and creates nothing.
    /// </summary>
    [Cmdlet(VerbsData.Import, "QlikOAuthClient", SupportsShouldProcess = true, DefaultParameterSetName = DefinitionSet)]
    [OutputType(typeof(QlikOAuthClient))]
    public sealed class ImportQlikOAuthClientCommand : ClientDefinitionCmdlet
    {
        /// <summary>Create even when a client of the defined name exists.</summary>
        [Parameter]
        public SwitchParameter AllowDuplicateName { get; set; }

        protected override void ProcessRecord()
        {
            QlikSession session = ResolveSession();
            foreach (ClientDefinition definition in ReadDefinitions(out _))
            {
                if (!TryEngine(() => ClientProvisioner.PlanCreate(definition, AllowUnknownScope), definition.Source, out ClientDefinition wanted)
                    || !ShouldProcess($"'{definition.ClientName}' on {session.TenantUrl} ({definition.Source})", "Create OAuth client")
                    || !TryEngine(() => Provision(session, wanted, AllowDuplicateName), definition.ClientName, out ProvisionedClient provisioned))
                {
                    continue;
                }

                WriteObject(ClientObjectOf(provisioned, session));
                WriteIncomplete(provisioned.Incomplete);
            }
        }
    }
}
