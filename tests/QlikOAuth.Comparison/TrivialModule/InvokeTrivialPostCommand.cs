using System.Management.Automation;
using System.Net.Http;
using System.Text;

namespace TrivialModule
{
    /// <summary>
    /// The least a compiled cmdlet can do to get a token: POST the body it is given and write the answer's text. What
    /// any cmdlet pays around the same POST (invocation, binding, the wait on the pipeline thread), with no engine.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "TrivialPost")]
    [OutputType(typeof(string))]
    public sealed class InvokeTrivialPostCommand : PSCmdlet
    {
        private static readonly HttpClient Http = new HttpClient();

        [Parameter(Mandatory = true)]
        public string Uri { get; set; } = null!;

        [Parameter(Mandatory = true)]
        public string Body { get; set; } = null!;

        protected override void ProcessRecord()
        {
            using var content = new StringContent(Body, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = Http.PostAsync(Uri, content).GetAwaiter().GetResult();
            WriteObject(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
    }
}
