using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// Waits on the redirect URI's port for the browser to come back with the sign-in's answer. A TcpListener and a
    /// minimal HTTP/1.1 request-line parse, not HttpListener: HttpListener needs URL reservations on Windows and behaves
    /// differently across platforms. Requests for other paths (a browser's /favicon.ico) get a 404 and the wait goes on;
    /// the first request for the redirect path ends it, and its page tells the person they can close the window.
    /// </summary>
    internal sealed class LoopbackListener : IDisposable
    {
        private const int MaxRequestHead = 16 * 1024;
        private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);

        private readonly LoopbackRedirect _redirect;
        private readonly List<TcpListener> _listeners = new List<TcpListener>();

        private LoopbackListener(LoopbackRedirect redirect) => _redirect = redirect;

        /// <summary>Binds the port at once, before any browser opens, so a port in use fails first.</summary>
        /// <exception cref="Errors.QlikOAuthException">SignIn.RedirectPortInUse.</exception>
        public static LoopbackListener Start(LoopbackRedirect redirect)
        {
            var listener = new LoopbackListener(redirect);
            foreach (IPAddress address in redirect.Addresses)
            {
                var tcp = new TcpListener(address, redirect.Port);
                try
                {
                    tcp.Start();
                    listener._listeners.Add(tcp);
                }
                catch (SocketException exception) when (listener._listeners.Count > 0 || address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    // localhost on a machine without IPv6 (or its port taken there only): the IPv4 listener answers.
                    QlikLog.Verbose($"Not listening on [{address}]:{redirect.Port} as well: {exception.Message}");
                }
                catch (SocketException exception)
                {
                    listener.Dispose();
                    throw SignInErrors.PortInUse(redirect.Uri, exception);
                }
            }

            return listener;
        }

        /// <summary>The query parameters of the first request for the redirect path. Cancelled: the listeners stop.</summary>
        public async Task<IReadOnlyDictionary<string, string>> WaitAsync(CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(Dispose))
            {
                try
                {
                    Task<IReadOnlyDictionary<string, string>>[] waits = _listeners.Select(AcceptLoopAsync).ToArray();
                    return await (await Task.WhenAny(waits).ConfigureAwait(false)).ConfigureAwait(false);
                }
                catch (Exception exception) when (cancellationToken.IsCancellationRequested && (exception is ObjectDisposedException || exception is SocketException || exception is InvalidOperationException))
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        public void Dispose()
        {
            foreach (TcpListener listener in _listeners)
            {
                listener.Stop();
            }
        }

        private async Task<IReadOnlyDictionary<string, string>> AcceptLoopAsync(TcpListener listener)
        {
            while (true)
            {
                using (TcpClient client = await listener.AcceptTcpClientAsync().ConfigureAwait(false))
                {
                    IReadOnlyDictionary<string, string>? answer = await ServeAsync(client).ConfigureAwait(false);
                    if (answer != null)
                    {
                        return answer;
                    }
                }
            }
        }

        /// <summary>Answers one connection; the query when it asked for the redirect path, else null.</summary>
        private async Task<IReadOnlyDictionary<string, string>?> ServeAsync(TcpClient client)
        {
            NetworkStream stream = client.GetStream();
            string? target;
            using (var timeout = new CancellationTokenSource(ConnectionTimeout))
            using (timeout.Token.Register(client.Close))
            {
                try
                {
                    target = await ReadRequestTargetAsync(stream).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is System.IO.IOException || exception is ObjectDisposedException || exception is SocketException)
                {
                    return null; // a connection that said nothing in time, or went away: not the browser's answer
                }
            }

            int queryStart = target?.IndexOf('?') ?? -1;
            string path = target is null ? string.Empty : queryStart < 0 ? target : target.Substring(0, queryStart);
            if (target is null || !string.Equals(path, _redirect.Path, StringComparison.Ordinal))
            {
                await WriteAsync(stream, "404 Not Found", "Not the sign-in's address.").ConfigureAwait(false);
                return null;
            }

            Dictionary<string, string> query = ParseQuery(queryStart < 0 ? string.Empty : target.Substring(queryStart + 1));
            string message = query.TryGetValue("error", out string? error)
                ? $"The sign-in failed ({error}). You can close this window; PowerShell says why."
                : "You are signed in to Qlik Cloud. You can close this window and return to PowerShell.";
            await WriteAsync(stream, "200 OK", message).ConfigureAwait(false);
            return query;
        }

        /// <summary>The request target of a GET request line, or null for another method or a malformed head.</summary>
        private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0 && head.Length < MaxRequestHead)
            {
                int read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            string text = head.ToString();
            int lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            string[] parts = (lineEnd < 0 ? text : text.Substring(0, lineEnd)).Split(' ');
            return parts.Length == 3 && parts[0] == "GET" && parts[1].StartsWith("/", StringComparison.Ordinal) && parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) ? parts[1] : null;
        }

        private static Dictionary<string, string> ParseQuery(string query)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=');
                string name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
                // The first occurrence wins: a repeated parameter cannot override the tenant's.
                if (!values.ContainsKey(name))
                {
                    values[name] = equals < 0 ? string.Empty : Decode(pair.Substring(equals + 1));
                }
            }

            return values;
        }

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        private static async Task WriteAsync(NetworkStream stream, string status, string message)
        {
            string html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Qlik Cloud sign-in</title></head><body><p>{WebUtility.HtmlEncode(message)}</p></body></html>";
            byte[] body = Encoding.UTF8.GetBytes(html);
            string head = $"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            byte[] headBytes = Encoding.ASCII.GetBytes(head);
            try
            {
                await stream.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
                await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.IO.IOException || exception is ObjectDisposedException)
            {
                // The browser went away before the page: the answer itself was read already.
            }
        }
    }
}
