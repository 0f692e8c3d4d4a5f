using System;
using System.Net;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// A redirect URI this module can answer: http on 127.0.0.1 or localhost with an explicit port (RFC 8252 section 7.3).
    /// The module listens on exactly that port and path: a person signing in cannot read the client, so the URI must be
    /// the registered one and is never changed (whether Qlik accepts another port is unconfirmed).
    /// </summary>
    public sealed class LoopbackRedirect
    {
        private LoopbackRedirect(Uri uri, IPAddress[] addresses)
        {
            Uri = uri;
            Addresses = addresses;
        }

        /// <summary>The redirect URI exactly as given: the authorize and token requests must carry the same string.</summary>
        public Uri Uri { get; }

        public string Text => Uri.OriginalString;

        public int Port => Uri.Port;

        /// <summary>The path the tenant sends the browser back to.</summary>
        public string Path => Uri.AbsolutePath;

        /// <summary>127.0.0.1, or for localhost both 127.0.0.1 and ::1: a browser may resolve localhost either way.</summary>
        internal IPAddress[] Addresses { get; }

        /// <exception cref="Errors.QlikOAuthException">SignIn.RedirectUriNotLoopback.</exception>
        public static LoopbackRedirect Parse(string text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp || !string.IsNullOrEmpty(uri.Fragment)
                || !HasExplicitPort(text, uri) || uri.Port == 0)
            {
                throw SignInErrors.NotLoopback(text);
            }

            if (uri.Host == "127.0.0.1")
            {
                return new LoopbackRedirect(uri, new[] { IPAddress.Loopback });
            }

            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return new LoopbackRedirect(uri, new[] { IPAddress.Loopback, IPAddress.IPv6Loopback });
            }

            throw SignInErrors.NotLoopback(text);
        }

        // Uri fills in 80 for http when no port is written; the listener must know the port the client registered.
        private static bool HasExplicitPort(string text, Uri uri) =>
            text.IndexOf(uri.Host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase) >= 0;

        public override string ToString() => Text;
    }
}
