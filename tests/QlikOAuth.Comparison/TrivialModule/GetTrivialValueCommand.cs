using System.Management.Automation;

namespace TrivialModule
{
    /// <summary>The least a compiled cmdlet can do: write one object.</summary>
    [Cmdlet(VerbsCommon.Get, "TrivialValue")]
    [OutputType(typeof(int))]
    public sealed class GetTrivialValueCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject(1);
    }
}
