namespace QlikOAuth.Engine.Csp
{
    /// <summary>One thing a browser at an origin needs from the tenant, whether it is in place, and the fix when it is not.</summary>
    public sealed class EmbeddingFinding
    {
        public EmbeddingFinding(string check, bool passed, string detail, string? fix)
        {
            Check = check;
            Passed = passed;
            Detail = detail;
            Fix = passed ? null : fix;
        }

        /// <summary>AllowedOrigin, CspOrigin, CspFrameAncestors, CspConnectSrc, Grant or Consent.</summary>
        public string Check { get; }
        public bool Passed { get; }
        public string Detail { get; }

        /// <summary>The command that puts it right; null when it passed.</summary>
        public string? Fix { get; }

        public override string ToString() => Passed ? $"{Check}: ok" : $"{Check}: {Detail} Fix: {Fix}";
    }
}
