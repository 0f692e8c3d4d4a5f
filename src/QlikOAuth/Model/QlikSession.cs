using System;
using QlikOAuth.Engine.Sessions;

namespace QlikOAuth
{
    /// <summary>
    /// A connection to one Qlik Cloud tenant, as Connect-QlikTenant returns it. Pass it with -Session (or by
    /// pipeline property name) to act on that tenant; without one, cmdlets use the runspace's default session.
    /// Holds no readable secret: the credential stays inside, as SecureString.
    /// </summary>
    public sealed class QlikSession
    {
        internal QlikSession(TenantSession engine, string authenticationType, string? clientId)
        {
            Engine = engine;
            SessionId = Guid.NewGuid();
            AuthenticationType = authenticationType;
            ClientId = clientId;
        }

        public Guid SessionId { get; }

        public Uri TenantUrl => Engine.TenantUrl;

        /// <summary>"ApiKey", "OAuthClient", or "Interactive" (a person signed in as themselves).</summary>
        public string AuthenticationType { get; }

        /// <summary>The admin OAuth client's id (OAuthClient), or the client the person signed in with (Interactive).</summary>
        public string? ClientId { get; }

        public string? UserId => Engine.User.Id;

        public string? UserName => Engine.User.Name;

        public string? Subject => Engine.User.Subject;

        public string? TenantId => Engine.User.TenantId;

        public DateTimeOffset ConnectedAt => Engine.ConnectedAt;

        public bool IsConnected { get; private set; } = true;

        internal TenantSession Engine { get; }

        internal void Disconnect()
        {
            IsConnected = false;
            Engine.Dispose();
        }

        public override string ToString() => $"{TenantUrl} as {UserName ?? Subject ?? UserId} ({AuthenticationType}{(ClientId is null ? string.Empty : " " + ClientId)})";
    }
}
