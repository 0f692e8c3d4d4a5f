using System;
using System.Collections.Generic;
using System.Linq;

namespace QlikOAuth.Engine.Csp
{
    /// <summary>The directives a CSP origin entry can allow its origin in; embedding needs <see cref="FrameAncestors"/> and <see cref="ConnectSrc"/>.</summary>
    [Flags]
    public enum CspDirectives
    {
        None = 0,
        ChildSrc = 1 << 0,
        ConnectSrc = 1 << 1,
        ConnectSrcWss = 1 << 2,
        FontSrc = 1 << 3,
        FormAction = 1 << 4,
        FrameAncestors = 1 << 5,
        FrameSrc = 1 << 6,
        ImgSrc = 1 << 7,
        MediaSrc = 1 << 8,
        ObjectSrc = 1 << 9,
        ScriptSrc = 1 << 10,
        StyleSrc = 1 << 11,
        WorkerSrc = 1 << 12,

        /// <summary>What a web app that embeds Qlik (iframes) and calls its REST API from the browser needs.</summary>
        Embedding = FrameAncestors | ConnectSrc,
    }

    /// <summary>Each directive's field in the csp-origins API and its directive in the generated header.</summary>
    public static class CspDirectiveNames
    {
        public static readonly IReadOnlyList<(CspDirectives Directive, string Field, string Header)> All = new[]
        {
            (CspDirectives.ChildSrc, "childSrc", "child-src"),
            (CspDirectives.ConnectSrc, "connectSrc", "connect-src"),
            (CspDirectives.ConnectSrcWss, "connectSrcWSS", "connect-src"),
            (CspDirectives.FontSrc, "fontSrc", "font-src"),
            (CspDirectives.FormAction, "formAction", "form-action"),
            (CspDirectives.FrameAncestors, "frameAncestors", "frame-ancestors"),
            (CspDirectives.FrameSrc, "frameSrc", "frame-src"),
            (CspDirectives.ImgSrc, "imgSrc", "img-src"),
            (CspDirectives.MediaSrc, "mediaSrc", "media-src"),
            (CspDirectives.ObjectSrc, "objectSrc", "object-src"),
            (CspDirectives.ScriptSrc, "scriptSrc", "script-src"),
            (CspDirectives.StyleSrc, "styleSrc", "style-src"),
            (CspDirectives.WorkerSrc, "workerSrc", "worker-src"),
        };

        /// <summary>"FrameAncestors, ConnectSrc": each directive by name (the enum's own ToString would say "Embedding").</summary>
        public static string Describe(CspDirectives directives)
        {
            string names = string.Join(", ", All.Where(d => (directives & d.Directive) != 0).Select(d => d.Directive.ToString()));
            return names.Length == 0 ? "no directive" : names;
        }
    }
}
