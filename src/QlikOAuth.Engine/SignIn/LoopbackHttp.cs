using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// The little HTTP/1.1 the loopback redirect needs: the request line of a GET, its query, and a short page with
    /// Connection: close. Nothing of the request but its target is kept.
    /// </summary>
    internal static class LoopbackHttp
    {
        private const int MaxRequestHead = 16 * 1024;

        /// <summary>The request target of a GET request line, or null for another method or a malformed head.</summary>
        public static async Task<string?> ReadRequestTargetAsync(NetworkStream stream)
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

        /// <summary>The query parameters of a request target, decoded.</summary>
        public static Dictionary<string, string> ParseQuery(string query)
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

        public static async Task WritePageAsync(NetworkStream stream, string status, string message)
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

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
