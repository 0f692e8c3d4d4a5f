using System.Management.Automation;
using QlikOAuth.Clients;
using QlikOAuth.Engine.Csp;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that write CSP entries: the thirteen directive switches. Each is a tenant-wide browser
    /// permission for the origin; embedding Qlik needs -FrameAncestors (iframes) and -ConnectSrc.
    /// </summary>
    public abstract class CspOriginCmdlet : OAuthClientCmdlet
    {
        [Parameter] public SwitchParameter ChildSrc { get; set; }
        [Parameter] public SwitchParameter ConnectSrc { get; set; }
        [Parameter] public SwitchParameter ConnectSrcWss { get; set; }
        [Parameter] public SwitchParameter FontSrc { get; set; }
        [Parameter] public SwitchParameter FormAction { get; set; }
        [Parameter] public SwitchParameter FrameAncestors { get; set; }
        [Parameter] public SwitchParameter FrameSrc { get; set; }
        [Parameter] public SwitchParameter ImgSrc { get; set; }
        [Parameter] public SwitchParameter MediaSrc { get; set; }
        [Parameter] public SwitchParameter ObjectSrc { get; set; }
        [Parameter] public SwitchParameter ScriptSrc { get; set; }
        [Parameter] public SwitchParameter StyleSrc { get; set; }
        [Parameter] public SwitchParameter WorkerSrc { get; set; }

        /// <summary>The directives switched on, and those switched off explicitly (-ScriptSrc:$false).</summary>
        internal (CspDirectives On, CspDirectives Off) ChosenDirectives() => CspDirectiveSwitches.Read(MyInvocation.BoundParameters);
    }
}
