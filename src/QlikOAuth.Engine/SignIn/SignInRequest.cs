using System;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>What a person's sign-in needs: the client, its registered loopback redirect, the scopes and the bounds.</summary>
    public sealed class SignInRequest
    {
        /// <summary>Qlik's user scope, and offline_access so the session renews itself with a refresh token.</summary>
        public const string DefaultScope = "user_default offline_access";

        /// <summary>Long enough to sign in with a password and a second factor; short enough that a forgotten window ends.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

        public SignInRequest(string clientId, LoopbackRedirect redirect)
        {
            ClientId = clientId;
            Redirect = redirect;
        }

        public string ClientId { get; }

        public LoopbackRedirect Redirect { get; }

        /// <summary>A web client's secret or key for the code exchange and renewals; null for a native (public) client.</summary>
        public ClientAuthentication? Client { get; set; }

        public string Scope { get; set; } = DefaultScope;

        /// <summary>The person's email, so the identity provider can skip asking for it.</summary>
        public string? LoginHint { get; set; }

        public TimeSpan Timeout { get; set; } = DefaultTimeout;
    }
}
