using System;
using System.Linq;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// Everything but the user that makes two token requests interchangeable: tenant, client (and the credential it
    /// presented), grant, scope (as a set: "a b" = "b a") and how the user is looked up. Many cached tokens share
    /// one shape (a bulk run: one shape, thousands of users), so a cache entry costs one reference for all of it.
    /// </summary>
    internal sealed class TokenRequestShape : IEquatable<TokenRequestShape>
    {
        private readonly int _hash;

        private TokenRequestShape(string tenant, TokenRequest request)
        {
            Tenant = tenant;
            ClientId = request.Client.ClientId;
            Credential = request.Client.CredentialFingerprint;
            Grant = request.GrantType;
            Scope = NormalizeScope(request.Scope);
            UserField = request.User?.Field ?? string.Empty;
            _hash = (Tenant, ClientId, Credential, Grant, Scope, UserField).GetHashCode();
        }

        public Uri TenantUrl { get; private set; } = null!;

        public string Tenant { get; }

        public string ClientId { get; }

        public string Credential { get; }

        public string Grant { get; }

        public string Scope { get; }

        public string UserField { get; }

        public static TokenRequestShape Of(Uri tenantUrl, TokenRequest request) =>
            new TokenRequestShape(tenantUrl.GetLeftPart(UriPartial.Authority).ToLowerInvariant(), request) { TenantUrl = tenantUrl };

        public bool Equals(TokenRequestShape? other) =>
            other != null && (ReferenceEquals(this, other) || (_hash == other._hash
                && string.Equals(Tenant, other.Tenant, StringComparison.Ordinal)
                && string.Equals(ClientId, other.ClientId, StringComparison.Ordinal)
                && string.Equals(Credential, other.Credential, StringComparison.Ordinal)
                && string.Equals(Grant, other.Grant, StringComparison.Ordinal)
                && string.Equals(Scope, other.Scope, StringComparison.Ordinal)
                && string.Equals(UserField, other.UserField, StringComparison.Ordinal)));

        public override bool Equals(object? obj) => Equals(obj as TokenRequestShape);

        public override int GetHashCode() => _hash;

        // Null (the client's default scopes) stays distinct from any named scope. One scope, the common case, is itself.
        private static string NormalizeScope(string? scope) =>
            scope is null ? "\u0000default" : scope.IndexOf(' ') < 0 ? scope : string.Join(" ", scope.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).OrderBy(part => part, StringComparer.Ordinal));
    }
}
