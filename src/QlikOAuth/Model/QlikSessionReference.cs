using System;

namespace QlikOAuth
{
    /// <summary>
    /// The session an output object came from, as its Session property shows it: which tenant, which connection, and
    /// whether it is still connected. It is small on purpose, so ConvertTo-Json or Export-Clixml of a client writes a
    /// reference and not the whole connection. PowerShell turns it back into the <see cref="QlikSession"/> it names
    /// wherever a -Session parameter takes it, by property name from the pipeline or given directly (the implicit
    /// conversion below is what its parameter binder uses).
    /// </summary>
    public sealed class QlikSessionReference
    {
        internal QlikSessionReference(QlikSession session) => Target = session;

        public Uri TenantUrl => Target.TenantUrl;

        public Guid SessionId => Target.SessionId;

        public bool IsConnected => Target.IsConnected;

        internal QlikSession Target { get; }

        public static implicit operator QlikSession?(QlikSessionReference? reference) => reference?.Target;

        public override string ToString() => Target.ToString();
    }
}
