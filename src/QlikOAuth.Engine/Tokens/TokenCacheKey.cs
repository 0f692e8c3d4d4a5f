using System;
using System.Linq;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// What makes two token requests interchangeable: tenant, client (and the credential it presented), grant,
    /// scope (as a set: "a b" = "b a") and the user acted for.
    /// </summary>
    internal readonly struct TokenCacheKey : IEquatable<TokenCacheKey>
    {
        private readonly (string Tenant, string ClientId, string Credential, string Grant, string Scope, string UserField, string UserValue) _parts;

        private TokenCacheKey((string, string, string, string, string, string, string) parts) => _parts = parts;

        public static TokenCacheKey For(Uri tenantUrl, TokenRequest request) => new TokenCacheKey((
            tenantUrl.GetLeftPart(UriPartial.Authority).ToLowerInvariant(),
            request.Client.ClientId,
            request.Client.CredentialFingerprint,
            request.GrantType,
            NormalizeScope(request.Scope),
            request.User?.Field ?? string.Empty,
            request.User?.Value ?? string.Empty));

        public bool Equals(TokenCacheKey other) => _parts.Equals(other._parts);

        public override bool Equals(object? obj) => obj is TokenCacheKey other && Equals(other);

        public override int GetHashCode() => _parts.GetHashCode();

        // Null (the client's default scopes) stays distinct from any named scope.
        private static string NormalizeScope(string? scope) =>
            scope is null ? "\u0000default" : string.Join(" ", scope.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).OrderBy(part => part, StringComparer.Ordinal));
    }
}
