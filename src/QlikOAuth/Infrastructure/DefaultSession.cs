using System.Management.Automation;

namespace QlikOAuth.Infrastructure
{
    /// <summary>
    /// The default session lives in the caller's global session state, so it belongs to one runspace: two
    /// runspaces (or two Azure Automation jobs in one process) never see each other's tenant.
    /// </summary>
    internal static class DefaultSession
    {
        internal const string VariablePath = "global:QlikOAuthDefaultSession";

        public static QlikSession? Get(SessionState state) => state.PSVariable.GetValue(VariablePath) as QlikSession;

        public static void Set(SessionState state, QlikSession session) => state.PSVariable.Set(VariablePath, session);

        public static void Clear(SessionState state) => state.PSVariable.Remove(VariablePath);
    }
}
