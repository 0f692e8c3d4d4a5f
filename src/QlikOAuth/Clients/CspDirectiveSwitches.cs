using System.Collections.Generic;
using System.Management.Automation;
using QlikOAuth.Engine.Csp;

namespace QlikOAuth.Clients
{
    /// <summary>
    /// The CSP directive switches the csp-origin cmdlets share (-FrameAncestors, -ConnectSrc, ...): which were given,
    /// and with which value, so Set-QlikCspOrigin can turn one on or off (-ScriptSrc:$false) and keep the others.
    /// </summary>
    internal static class CspDirectiveSwitches
    {
        private static readonly (string Parameter, CspDirectives Directive)[] Map =
        {
            ("ChildSrc", CspDirectives.ChildSrc), ("ConnectSrc", CspDirectives.ConnectSrc), ("ConnectSrcWss", CspDirectives.ConnectSrcWss),
            ("FontSrc", CspDirectives.FontSrc), ("FormAction", CspDirectives.FormAction), ("FrameAncestors", CspDirectives.FrameAncestors),
            ("FrameSrc", CspDirectives.FrameSrc), ("ImgSrc", CspDirectives.ImgSrc), ("MediaSrc", CspDirectives.MediaSrc),
            ("ObjectSrc", CspDirectives.ObjectSrc), ("ScriptSrc", CspDirectives.ScriptSrc), ("StyleSrc", CspDirectives.StyleSrc),
            ("WorkerSrc", CspDirectives.WorkerSrc),
        };

        /// <summary>The directives switched on, and those switched off explicitly (-Name:$false).</summary>
        public static (CspDirectives On, CspDirectives Off) Read(IDictionary<string, object> boundParameters)
        {
            CspDirectives on = CspDirectives.None, off = CspDirectives.None;
            foreach ((string parameter, CspDirectives directive) in Map)
            {
                if (boundParameters.TryGetValue(parameter, out object? value))
                {
                    if (((SwitchParameter)value).IsPresent)
                    {
                        on |= directive;
                    }
                    else
                    {
                        off |= directive;
                    }
                }
            }

            return (on, off);
        }
    }
}
