using System.Security.Cryptography;
using System.Text;
using QlikOAuth.Engine.Keys;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>RFC 7636 with S256, the only method Qlik takes: a fresh verifier and state per sign-in.</summary>
    internal sealed class Pkce
    {
        private Pkce(string verifier, string state)
        {
            Verifier = verifier;
            State = state;
            using (SHA256 sha = SHA256.Create())
            {
                Challenge = Base64Url.Encode(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier)));
            }
        }

        /// <summary>86 characters of base64url (64 random bytes): within the 43 to 128 RFC 7636 allows.</summary>
        public string Verifier { get; }

        public string Challenge { get; }

        /// <summary>43 characters (32 random bytes): the answer must echo it, or it is not this sign-in's.</summary>
        public string State { get; }

        public static Pkce Create() => new Pkce(Random(64), Random(32));

        private static string Random(int bytes)
        {
            byte[] data = new byte[bytes];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(data);
            }

            return Base64Url.Encode(data);
        }
    }
}
