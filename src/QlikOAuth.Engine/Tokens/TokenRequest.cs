using System;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>One token to ask for: the grant, the client, the scope and (for impersonation) the user.</summary>
    public sealed class TokenRequest
    {
        // The shape is worked out once per request and tenant: a reused request (an issuer's M2M request) makes a
        // cache hit cost no string work at all.
        private TokenRequestShape? _shape;

        public TokenRequest(string grantType, ClientAuthentication client, string? scope = null, UserLookup? user = null)
        {
            bool impersonation = grantType == GrantTypes.UserImpersonation;
            if (grantType != GrantTypes.ClientCredentials && !impersonation)
            {
                throw new QlikValidationException("UnsupportedGrantType", $"Grant type '{grantType}' is not one this module requests: use {GrantTypes.ClientCredentials} or {GrantTypes.UserImpersonation}.");
            }

            if (impersonation && user is null)
            {
                throw new QlikValidationException("MissingUser", "An impersonation token needs the user it acts for (a subject or a user id).");
            }

            if (scope != null && (scope.Contains(",") || scope.Trim().Length == 0))
            {
                throw new QlikValidationException("InvalidScope", $"Scope '{scope}' is not valid: give scopes separated by spaces, such as 'user_default admin_classic'.", scope);
            }

            GrantType = grantType;
            Client = client;
            Scope = scope?.Trim();
            User = impersonation ? user : null;
        }

        public string GrantType { get; }

        public ClientAuthentication Client { get; }

        public string? Scope { get; }

        public UserLookup? User { get; }

        internal TokenCacheKey CacheKeyFor(Uri tenantUrl)
        {
            TokenRequestShape? shape = _shape;
            if (shape is null || !ReferenceEquals(shape.TenantUrl, tenantUrl))
            {
                _shape = shape = TokenRequestShape.Of(tenantUrl, this);
            }

            return new TokenCacheKey(shape, User?.Value ?? string.Empty);
        }
    }
}
