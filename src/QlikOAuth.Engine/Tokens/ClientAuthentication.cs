using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.Tokens
{
    /// <summary>How a client proves who it is at the token endpoint.</summary>
    public abstract class ClientAuthentication
    {
        protected ClientAuthentication(string clientId)
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new Errors.QlikValidationException("MissingClientId", "A client id is required to request a token.");
            }

            ClientId = clientId;
        }

        public string ClientId { get; }

        /// <summary>"client_secret" or "private_key_jwt", as Qlik names the methods.</summary>
        public abstract string Method { get; }

        /// <summary>
        /// Which credential this is, without revealing it: part of the token cache key, so a token fetched with one
        /// secret or key is never handed to a caller who presented another (a wrong secret must not get a cached token).
        /// </summary>
        internal abstract string CredentialFingerprint { get; }

        /// <summary>Adds the credential members to a token request body.</summary>
        internal abstract void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now);

        public override string ToString() => $"{ClientId} ({Method})";
    }

    public sealed class ClientSecretAuthentication : ClientAuthentication
    {
        // A per-process HMAC key: the fingerprint identifies a secret within this process and is useless outside it.
        // One HMAC instance for the process (under its lock): setting up an HMAC costs more than computing one.
        private static readonly HMACSHA256 Fingerprinter = new HMACSHA256(NewFingerprintKey());

        // The authentication last made for each secret object a caller holds. A PSCredential keeps one SecureString
        // for its life, so a script that calls Get-QlikAccessToken -Credential $c in a loop copies and fingerprints
        // the secret once, not on every call. Weak: an entry goes when the caller's SecureString does.
        private static readonly ConditionalWeakTable<SecureString, LastMade> MadeFor = new ConditionalWeakTable<SecureString, LastMade>();

        private readonly SecureString _secret;
        private string? _fingerprint;

        public ClientSecretAuthentication(string clientId, SecureString secret)
            : base(clientId)
        {
            _secret = secret.Copy();
            _secret.MakeReadOnly();
        }

        public override string Method => "client_secret";

        /// <summary>Worked out when first needed: a call that keeps no token (-NoCache) never needs it.</summary>
        internal override string CredentialFingerprint => _fingerprint ??= Fingerprint(_secret);

        /// <summary>
        /// The authentication made last for this very <paramref name="secret"/> object, when it still names the same
        /// client and still holds the same text (a SecureString that is not read-only can be changed in place);
        /// else a new one, which later calls with the same object get.
        /// </summary>
        public static ClientSecretAuthentication For(string clientId, SecureString secret)
        {
            LastMade last = MadeFor.GetValue(secret, _ => new LastMade());
            ClientSecretAuthentication? made = Volatile.Read(ref last.Authentication);
            if (made != null && string.Equals(made.ClientId, clientId, StringComparison.Ordinal) && made.Holds(secret))
            {
                return made;
            }

            made = new ClientSecretAuthentication(clientId, secret);
            Volatile.Write(ref last.Authentication, made);
            return made;
        }

        internal override void AddTo(IDictionary<string, object> body, Uri tokenEndpoint, DateTimeOffset now)
        {
            body["client_id"] = ClientId;
            body["client_secret"] = SecretText.Reveal(_secret);
        }

        /// <summary>The hints among <paramref name="hints"/> that name this secret (see <see cref="HintsOf"/>).</summary>
        internal List<string> HintsAmong(IEnumerable<string> hints) => HintsOf(_secret, hints);

        /// <summary>
        /// The hints the secret starts or ends with. Qlik documents a 5-character hint, not which characters it shows:
        /// a hint that matches neither end never matches, so a guess can only lead to a refusal, never a wrong removal.
        /// </summary>
        internal static List<string> HintsOf(SecureString secret, IEnumerable<string> hints)
        {
            string text = SecretText.Reveal(secret);
            return hints.Where(hint => hint.Length > 0 && (text.EndsWith(hint, StringComparison.Ordinal) || text.StartsWith(hint, StringComparison.Ordinal))).ToList();
        }

        // Compared in unmanaged memory, zeroed after: no managed copy of either secret is left for the GC to keep.
        private bool Holds(SecureString secret)
        {
            int length = secret.Length;
            if (length != _secret.Length)
            {
                return false;
            }

            IntPtr given = Marshal.SecureStringToGlobalAllocUnicode(secret);
            IntPtr kept = Marshal.SecureStringToGlobalAllocUnicode(_secret);
            try
            {
                for (int offset = 0; offset < length * sizeof(char); offset += sizeof(char))
                {
                    if (Marshal.ReadInt16(given, offset) != Marshal.ReadInt16(kept, offset))
                    {
                        return false;
                    }
                }

                return true;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(given);
                Marshal.ZeroFreeGlobalAllocUnicode(kept);
            }
        }

        private static string Fingerprint(SecureString secret)
        {
            byte[] secretBytes = Encoding.UTF8.GetBytes(SecretText.Reveal(secret));
            byte[] fingerprint;
            lock (Fingerprinter)
            {
                fingerprint = Fingerprinter.ComputeHash(secretBytes);
            }

            Array.Clear(secretBytes, 0, secretBytes.Length);
            return "secret:" + Convert.ToBase64String(fingerprint);
        }

        private static byte[] NewFingerprintKey()
        {
            var key = new byte[32];
            using var random = RandomNumberGenerator.Create();
            random.GetBytes(key);
            return key;
        }

        private sealed class LastMade
        {
            public ClientSecretAuthentication? Authentication;
        }
    }
}
