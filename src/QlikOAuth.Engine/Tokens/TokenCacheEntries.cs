using System;
using System.Collections.Generic;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>
    /// The cache's storage: tokens by key, each stamped with its last use, and the request shapes the keys share.
    /// Over capacity, the least recently used eighth goes at once, so a full cache sorts its stamps once per
    /// capacity/8 stores instead of keeping a linked list (two more references per token). Not thread-safe: the
    /// cache holds its lock around every call.
    /// </summary>
    internal sealed class TokenCacheEntries
    {
        private readonly Dictionary<TokenCacheKey, Entry> _tokens = new Dictionary<TokenCacheKey, Entry>();
        private readonly Dictionary<TokenRequestShape, TokenRequestShape> _shapes = new Dictionary<TokenRequestShape, TokenRequestShape>();
        private long _uses;

        public int Count => _tokens.Count;

        /// <summary>The token under this key, marked as just used.</summary>
        public bool TryUse(TokenCacheKey key, out AccessToken? token)
        {
            if (_tokens.TryGetValue(key, out Entry entry))
            {
                _tokens[key] = new Entry(entry.Token, ++_uses);
                token = entry.Token;
                return true;
            }

            token = null;
            return false;
        }

        public void Set(TokenCacheKey key, AccessToken token)
        {
            if (!_shapes.TryGetValue(key.Shape, out TokenRequestShape? shared))
            {
                shared = key.Shape;
                _shapes.Add(shared, shared);
            }

            _tokens[new TokenCacheKey(shared, key.User)] = new Entry(token, ++_uses);
        }

        public void Remove(TokenCacheKey key) => _tokens.Remove(key);

        /// <returns>How many tokens matched and were removed.</returns>
        public int RemoveWhere(Func<AccessToken, bool> match, bool firstOnly) =>
            RemoveEntries(entry => match(entry.Token), firstOnly ? 1 : int.MaxValue);

        /// <summary>Above <paramref name="capacity"/>, drops the least recently used tokens down to seven eighths of it.</summary>
        public void TrimTo(int capacity)
        {
            if (_tokens.Count <= capacity)
            {
                return;
            }

            int drop = _tokens.Count - (capacity - (capacity / 8));
            var stamps = new long[_tokens.Count];
            int i = 0;
            foreach (Entry entry in _tokens.Values)
            {
                stamps[i++] = entry.LastUsed;
            }

            Array.Sort(stamps);
            // Stamps are unique, so exactly `drop` tokens are at or below this one.
            long newestDropped = stamps[drop - 1];
            RemoveEntries(entry => entry.LastUsed <= newestDropped, drop);
        }

        private int RemoveEntries(Func<Entry, bool> match, int most)
        {
            var doomed = new List<TokenCacheKey>();
            foreach (KeyValuePair<TokenCacheKey, Entry> pair in _tokens)
            {
                if (doomed.Count < most && match(pair.Value))
                {
                    doomed.Add(pair.Key);
                }
            }

            foreach (TokenCacheKey key in doomed)
            {
                _tokens.Remove(key);
            }

            ForgetUnusedShapes();
            return doomed.Count;
        }

        private void ForgetUnusedShapes()
        {
            var used = new HashSet<TokenRequestShape>();
            foreach (TokenCacheKey key in _tokens.Keys)
            {
                used.Add(key.Shape);
            }

            var unused = new List<TokenRequestShape>();
            foreach (TokenRequestShape shape in _shapes.Keys)
            {
                if (!used.Contains(shape))
                {
                    unused.Add(shape);
                }
            }

            foreach (TokenRequestShape shape in unused)
            {
                _shapes.Remove(shape);
            }
        }

        private readonly struct Entry
        {
            public Entry(AccessToken token, long lastUsed)
            {
                Token = token;
                LastUsed = lastUsed;
            }

            public AccessToken Token { get; }

            public long LastUsed { get; }
        }
    }
}
