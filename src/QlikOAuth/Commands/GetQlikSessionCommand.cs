using System.Management.Automation;
using QlikOAuth.Infrastructure;

namespace QlikOAuth.Commands
{
    /// <summary>The runspace's default session, if Connect-QlikTenant made one.</summary>
    [Cmdlet(VerbsCommon.Get, "QlikSession")]
    [OutputType(typeof(QlikSession))]
    public sealed class GetQlikSessionCommand : QlikCmdlet
    {
        protected override void ProcessRecord()
        {
            QlikSession? session = DefaultSession.Get(SessionState);
            if (session is null)
            {
                WriteVerbose("No default session in this runspace: run Connect-QlikTenant.");
                return;
            }

            WriteObject(session);
        }
    }
}
