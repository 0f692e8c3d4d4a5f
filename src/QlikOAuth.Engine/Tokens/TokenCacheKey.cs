using System;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>A cache key: the request's shape (shared by many keys) and the user acted for ("" for M2M).</summary>
    internal readonly struct TokenCacheKey : IEquatable<TokenCacheKey>
    {
        public TokenCacheKey(TokenRequestShape shape, string user)
        {
            Shape = shape;
            User = user;
        }

        public TokenRequestShape Shape { get; }

        public string User { get; }

        public bool Equals(TokenCacheKey other) => Shape.Equals(other.Shape) && string.Equals(User, other.User, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is TokenCacheKey other && Equals(other);

        public override int GetHashCode() => unchecked((Shape.GetHashCode() * 31) + StringComparer.Ordinal.GetHashCode(User));
    }
}
