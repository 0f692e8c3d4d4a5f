using System;
using System.Security;
using System.Threading;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth
{
    /// <summary>
    /// An access token from Get-QlikAccessToken (M2M) or Get-QlikImpersonationToken (acting for a user).
    /// <see cref="AccessToken"/> is a SecureString unless -AsPlainText was given; ToString and the default view
    /// never show it. Pipe it to Revoke-QlikAccessToken, or pass it to Invoke-QlikRestMethod -AccessToken.
    /// </summary>
    public sealed class QlikAccessToken
    {
        private readonly bool _asPlainText;
        private SecureString? _protected;

        internal QlikAccessToken(AccessToken token, UserReference? user, bool asPlainText, QlikSession? session, QlikConnection issuedThrough, bool userCreated = false)
        {
            UserCreated = userCreated;
            Token = token;
            _asPlainText = asPlainText;
            UserId = user?.UserId;
            Subject = user?.Subject;
            Email = user?.Email;
            Session = session is null ? null : new QlikSessionReference(session);
            TenantUrl = issuedThrough.TenantUrl;
            Proxy = issuedThrough.Options.Proxy;
        }

        /// <summary>
        /// The bearer: a SecureString, or a string with -AsPlainText. The SecureString is made when first read (one
        /// per object), so a token that is only passed on, as most are, costs none.
        /// </summary>
        public object AccessToken => _asPlainText
            ? Token.Value
            : Volatile.Read(ref _protected) ?? Interlocked.CompareExchange(ref _protected, SecretText.Protect(Token.Value), null) ?? _protected!;

        /// <summary>"bearer".</summary>
        public string TokenType => Token.TokenType;

        public DateTimeOffset ExpiresAt => Token.ExpiresAt;

        /// <summary>The scopes granted, space separated.</summary>
        public string? Scope => Token.Scope;

        public string ClientId => Token.ClientId;

        /// <summary>client_credentials or urn:qlik:oauth:user-impersonation.</summary>
        public string GrantType => Token.GrantType;

        /// <summary>The impersonated user's id (given, or found from the email); null for M2M tokens.</summary>
        public string? UserId { get; }

        public string? Subject { get; }

        /// <summary>The user did not exist and was created for this token (Get-QlikImpersonationToken -CreateMissingUser).</summary>
        public bool UserCreated { get; }

        public string? Email { get; }

        public Uri TenantUrl { get; }

        /// <summary>The session the token was issued through; null when it was issued with -TenantUrl.</summary>
        public QlikSessionReference? Session { get; }

        internal AccessToken Token { get; }

        /// <summary>The proxy the token was issued through: a call with the token alone (no session) goes the same way.</summary>
        internal QlikProxy Proxy { get; }

        /// <summary>A connection of its own to the token's tenant, through the proxy it was issued through; the caller disposes it.</summary>
        internal QlikConnection ConnectToTenant() => new QlikConnection(TenantUrl, new QlikHttpOptions { Proxy = Proxy });

        public override string ToString() => Token.ToString();
    }
}
