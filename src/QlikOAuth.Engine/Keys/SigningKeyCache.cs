using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Threading;

namespace QlikOAuth.Engine.Keys
{
    /// <summary>
    /// The signing keys a session has read from files, so a loop of token calls parses, decrypts (PBKDF2: a tenth of a
    /// second and more per call) and proves a key file once, not on every call. A key is found again only for the same
    /// file with the same bytes (full path and a hash of its content), the same kid and the same password, which is known
    /// here only by an HMAC under a key of this cache's own: a changed file or another password reads the file again,
    /// so a wrong password is refused as it always was. Dropping the session (<see cref="Dispose"/>) clears every key;
    /// a key still in use is cleared when its last lease ends. Safe from many threads.
    /// </summary>
    public sealed class SigningKeyCache : IDisposable
    {
        /// <summary>Key files a session signs with at once: a few. Past this the oldest goes.</summary>
        public const int Capacity = 16;

        private readonly object _gate = new object();
        private readonly List<Entry> _entries = new List<Entry>();
        private readonly byte[] _passwordKey = new byte[32];
        private bool _disposed;

        public SigningKeyCache()
        {
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(_passwordKey);
            }
        }

        /// <summary>The key of a private key file (PEM or JWK), read unless this version of it was read before with this password.</summary>
        /// <param name="reused">Whether the key was read earlier in the session, for the caller's Verbose line.</param>
        public SigningKeyLease ReadPrivateKeyFile(string path, SecureString? password, string? keyId, out bool reused, CancellationToken cancellationToken = default) =>
            Lease("key", path, password, keyId, () => PrivateKeyReader.ReadFile(path, password, keyId, cancellationToken: cancellationToken), out reused);

        /// <summary>The key of a PKCS#12 (PFX) file, read unless this version of it was read before with this password.</summary>
        public SigningKeyLease ReadPfxFile(string path, SecureString? password, string? keyId, out bool reused) =>
            Lease("pfx", path, password, keyId, () => CertificateKeys.ReadSigningKey(null, path, password, keyId), out reused);

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _entries.ForEach(entry => entry.Evict());
                _entries.Clear();
                SensitiveBytes.Clear(_passwordKey);
            }
        }

        private SigningKeyLease Lease(string kind, string path, SecureString? password, string? keyId, Func<SigningKey> read, out bool reused)
        {
            string fullPath = Path.GetFullPath(path);
            string version = FileVersion(fullPath);
            string identity = string.Join("\n", kind, fullPath, keyId ?? string.Empty, version, PasswordFingerprint(password));
            lock (_gate)
            {
                ThrowIfDisposed();
                Entry? known = _entries.FirstOrDefault(entry => entry.Identity == identity);
                if (known != null)
                {
                    reused = true;
                    return known.Lease();
                }
            }

            // Read outside the lock: a protected file takes seconds, and other keys must not wait for it.
            SigningKey key = read();
            lock (_gate)
            {
                if (_disposed)
                {
                    key.Dispose();
                    ThrowIfDisposed();
                }

                // Two first reads of one file at once: the first kept stays, the other's copy is cleared.
                Entry? raced = _entries.FirstOrDefault(entry => entry.Identity == identity);
                if (raced != null)
                {
                    key.Dispose();
                    reused = false;
                    return raced.Lease();
                }

                // A key of an older version of the file is never used again: it is cleared now.
                foreach (Entry stale in _entries.Where(entry => entry.Path == fullPath && entry.Version != version).ToList())
                {
                    stale.Evict();
                    _entries.Remove(stale);
                }

                if (_entries.Count >= Capacity)
                {
                    _entries[0].Evict();
                    _entries.RemoveAt(0);
                }

                var added = new Entry(_gate, identity, fullPath, version, key);
                _entries.Add(added);
                reused = false;
                return added.Lease();
            }
        }

        /// <summary>
        /// The file as it is now: a hash of its bytes. Reading and hashing a key file takes microseconds (the cost is in
        /// parsing, decrypting and proving it), and a hash sees every change, where sizes and times can miss a file
        /// rewritten within the timestamp resolution of its file system (two seconds on FAT, one on some shares).
        /// </summary>
        private static string FileVersion(string fullPath)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(fullPath);
            }
            catch (Exception unreadable) when (unreadable is IOException || unreadable is UnauthorizedAccessException)
            {
                return "unreadable"; // the reader then fails with its own error, and nothing is kept
            }

            try
            {
                using (var sha = SHA256.Create())
                {
                    return Convert.ToBase64String(sha.ComputeHash(content));
                }
            }
            finally
            {
                SensitiveBytes.Clear(content);
            }
        }

        /// <summary>The password as the cache may hold it: an HMAC under the cache's own random key, never the text.</summary>
        private string PasswordFingerprint(SecureString? password)
        {
            if (password is null)
            {
                return "none";
            }

            byte[] text = new byte[password.Length * 2];
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(password);
            try
            {
                Marshal.Copy(pointer, text, 0, text.Length);
                using (var hmac = new HMACSHA256(_passwordKey))
                {
                    return Convert.ToBase64String(hmac.ComputeHash(text));
                }
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                SensitiveBytes.Clear(text);
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(SigningKeyCache), "The session was disconnected: its signing keys are cleared.");
            }
        }

        /// <summary>One key and who holds it: cleared once it is out of the cache and no lease is left.</summary>
        private sealed class Entry
        {
            private readonly object _gate;
            private readonly SigningKey _key;
            private int _leases;
            private bool _evicted;

            public Entry(object gate, string identity, string path, string version, SigningKey key)
            {
                _gate = gate;
                Identity = identity;
                Path = path;
                Version = version;
                _key = key;
            }

            /// <summary>Kind, full path, kid, content hash and password fingerprint: holds no secret a guess could test cheaply.</summary>
            public string Identity { get; }

            public string Path { get; }

            public string Version { get; }

            /// <summary>Called under the cache's lock.</summary>
            public SigningKeyLease Lease()
            {
                _leases++;
                return new SigningKeyLease(_key, Release);
            }

            /// <summary>Called under the cache's lock.</summary>
            public void Evict()
            {
                _evicted = true;
                if (_leases == 0)
                {
                    _key.Dispose();
                }
            }

            private void Release()
            {
                lock (_gate)
                {
                    _leases--;
                    if (_evicted && _leases == 0)
                    {
                        _key.Dispose();
                    }
                }
            }
        }
    }

    /// <summary>A key of a <see cref="SigningKeyCache"/>, held while it signs; Dispose gives it back (it does not clear it).</summary>
    public sealed class SigningKeyLease : IDisposable
    {
        private Action? _release;

        internal SigningKeyLease(SigningKey key, Action release)
        {
            Key = key;
            _release = release;
        }

        public SigningKey Key { get; }

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
