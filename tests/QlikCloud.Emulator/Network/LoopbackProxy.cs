using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QlikCloud.Emulator.Network;

/// <summary>
/// A forward HTTP proxy on 127.0.0.1 for the tests: what a corporate proxy is between the module and the tenant.
/// A plain http request comes in absolute form (GET http://host:port/path) and is sent on to that host; CONNECT
/// host:port opens a tunnel. With a required credential, a request without that Basic Proxy-Authorization gets
/// 407 and Proxy-Authenticate: Basic. Every request line it received is recorded, so a test can assert that the
/// requests went through it. One request per client connection (it answers with Connection: close), which keeps
/// the recording exact.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private const int MaximumHeadLength = 64 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _expectedAuthorization;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly Task _accepting;

    private LoopbackProxy(NetworkCredential? requiredCredential)
    {
        if (requiredCredential != null)
        {
            _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{requiredCredential.UserName}:{requiredCredential.Password}"));
        }

        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>The request lines it forwarded or tunnelled, such as "GET http://127.0.0.1:5000/api/v1/users/me".</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>The request lines it answered with 407.</summary>
    public IReadOnlyList<string> Refused => _refused.ToArray();

    /// <param name="requiredCredential">Demand this user name and password (Basic); null: an open proxy.</param>
    public static LoopbackProxy Start(NetworkCredential? requiredCredential = null) => new(requiredCredential);

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException || ex is OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = new BufferedStream(client.GetStream());
                Head? head = await Head.ReadAsync(stream, _stopping.Token).ConfigureAwait(false);
                while (head != null && !Authorized(head))
                {
                    // A 407 keeps the connection open: the client answers the challenge on it.
                    _refused.Enqueue(head.RequestLine);
                    await SkipBodyAsync(stream, head).ConfigureAwait(false);
                    await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"loopback\"\r\nContent-Length: 0\r\n\r\n").ConfigureAwait(false);
                    head = await Head.ReadAsync(stream, _stopping.Token).ConfigureAwait(false);
                }

                if (head is null)
                {
                    return;
                }

                _requests.Enqueue(head.RequestLine);
                if (head.Method == "CONNECT")
                {
                    await TunnelAsync(stream, head.Target).ConfigureAwait(false);
                }
                else
                {
                    await ForwardAsync(stream, head).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
                // The client or the target went away: nothing to answer.
            }
        }
    }

    private bool Authorized(Head head) =>
        _expectedAuthorization is null || string.Equals(head.Header("Proxy-Authorization"), _expectedAuthorization, StringComparison.Ordinal);

    private async Task TunnelAsync(Stream client, string authority)
    {
        int colon = authority.LastIndexOf(':');
        using var target = new TcpClient();
        await target.ConnectAsync(authority[..colon], int.Parse(authority[(colon + 1)..]), _stopping.Token).ConfigureAwait(false);
        await WriteAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n").ConfigureAwait(false);
        NetworkStream upstream = target.GetStream();
        await Task.WhenAny(client.CopyToAsync(upstream, _stopping.Token), upstream.CopyToAsync(client, _stopping.Token)).ConfigureAwait(false);
    }

    private async Task ForwardAsync(Stream client, Head head)
    {
        var url = new Uri(head.Target);
        using var target = new TcpClient();
        await target.ConnectAsync(url.Host, url.Port, _stopping.Token).ConfigureAwait(false);
        NetworkStream upstream = target.GetStream();

        var request = new StringBuilder($"{head.Method} {url.PathAndQuery} {head.Version}\r\n");
        foreach (string line in head.HeaderLines.Where(line => !IsHopByHop(line)))
        {
            request.Append(line).Append("\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        await WriteAsync(upstream, request.ToString()).ConfigureAwait(false);
        await CopyBodyAsync(client, upstream, head).ConfigureAwait(false);

        Head? response = await Head.ReadAsync(upstream, _stopping.Token).ConfigureAwait(false) ?? throw new IOException("The target closed without an answer.");
        var answer = new StringBuilder(response.RequestLine + "\r\n");
        foreach (string line in response.HeaderLines.Where(line => !IsHopByHop(line)))
        {
            answer.Append(line).Append("\r\n");
        }

        answer.Append("Connection: close\r\n\r\n");
        await WriteAsync(client, answer.ToString()).ConfigureAwait(false);
        await upstream.CopyToAsync(client, _stopping.Token).ConfigureAwait(false);
        await client.FlushAsync(_stopping.Token).ConfigureAwait(false);
    }

    private async Task CopyBodyAsync(Stream from, Stream to, Head head)
    {
        long remaining = head.ContentLength;
        var buffer = new byte[8192];
        while (remaining > 0)
        {
            int read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), _stopping.Token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The client closed in the middle of the body.");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token).ConfigureAwait(false);
            remaining -= read;
        }
    }

    private Task SkipBodyAsync(Stream from, Head head) => CopyBodyAsync(from, Stream.Null, head);

    private async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stopping.Token).ConfigureAwait(false);
        await stream.FlushAsync(_stopping.Token).ConfigureAwait(false);
    }

    private static bool IsHopByHop(string headerLine) =>
        headerLine.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) || headerLine.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)
        || headerLine.StartsWith("Keep-Alive:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The start line and headers of a request or a response. Only Content-Length bodies: .NET's HttpClient sends no other here.</summary>
    private sealed class Head
    {
        private Head(string startLine, List<string> headerLines)
        {
            RequestLine = startLine;
            HeaderLines = headerLines;
            string[] parts = startLine.Split(' ', 3);
            Method = parts[0];
            Target = parts.Length > 1 ? parts[1] : string.Empty;
            Version = parts.Length > 2 ? parts[2] : "HTTP/1.1";
            ContentLength = long.TryParse(Header("Content-Length"), out long length) ? length : 0;
        }

        public string RequestLine { get; }

        public IReadOnlyList<string> HeaderLines { get; }

        public string Method { get; }

        public string Target { get; }

        public string Version { get; }

        public long ContentLength { get; }

        public string? Header(string name) =>
            HeaderLines.Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(line => line[(name.Length + 1)..].Trim()).FirstOrDefault();

        /// <summary>Null when the peer closed before sending anything.</summary>
        public static async Task<Head?> ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (!EndsWithBlankLine(bytes))
            {
                if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
                {
                    return bytes.Count == 0 ? null : throw new IOException("The peer closed in the middle of the headers.");
                }

                bytes.Add(one[0]);
                if (bytes.Count > MaximumHeadLength)
                {
                    throw new IOException("The headers are too long.");
                }
            }

            string[] lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            return new Head(lines[0], lines.Skip(1).ToList());
        }

        private static bool EndsWithBlankLine(List<byte> bytes) =>
            bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
    }
}
