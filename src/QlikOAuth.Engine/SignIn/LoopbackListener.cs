using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// Waits on the redirect URI's port for the browser to come back with the sign-in's answer. A TcpListener and the
    /// little HTTP of <see cref="LoopbackHttp"/>, not HttpListener: HttpListener needs URL reservations on Windows and
    /// behaves differently across platforms. Connections are served side by side, each with its own time to send its
    /// request: a browser opens speculative connections that may send nothing, and none of them may hold up the redirect
    /// or a Ctrl+C. Requests for other paths (a browser's /favicon.ico) get a 404 and the wait goes on; the first request
    /// for the redirect path ends it, and its page tells the person they can close the window.
    /// </summary>
    internal sealed class LoopbackListener : IDisposable
    {
        /// <summary>
        /// Connections served at once: a browser's own (preconnects, the favicon) besides the redirect's. Any more wait in
        /// the port's accept queue for a free slot, which each connection gives back within <see cref="ConnectionTimeout"/>.
        /// </summary>
        private const int MaxConnections = 8;
        private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);

        private readonly LoopbackRedirect _redirect;
        private readonly List<TcpListener> _listeners = new List<TcpListener>();
        private readonly SemaphoreSlim _slots = new SemaphoreSlim(MaxConnections);
        private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _answer =
            new TaskCompletionSource<IReadOnlyDictionary<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The connections being served, closed when the listener stops. Guards <see cref="_stopped"/> too.</summary>
        private readonly HashSet<TcpClient> _open = new HashSet<TcpClient>();
        private bool _stopped;

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

        /// <summary>The query parameters of the first request for the redirect path. Cancelled: the listener stops.</summary>
        public async Task<IReadOnlyDictionary<string, string>> WaitAsync(CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(Dispose))
            {
                foreach (TcpListener listener in _listeners)
                {
                    _ = AcceptAsync(listener); // runs until the listener stops; it ends the wait through _answer
                }

                try
                {
                    return await _answer.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        /// <summary>Stops listening and closes every connection still being served, so no wait outlives the sign-in.</summary>
        public void Dispose()
        {
            TcpClient[] open;
            lock (_open)
            {
                if (_stopped)
                {
                    return;
                }

                _stopped = true;
                open = _open.ToArray();
            }

            foreach (TcpListener listener in _listeners)
            {
                listener.Stop();
            }

            foreach (TcpClient client in open)
            {
                client.Close();
            }

            _answer.TrySetCanceled();
        }

        private bool IsStopped
        {
            get
            {
                lock (_open)
                {
                    return _stopped;
                }
            }
        }

        private async Task AcceptAsync(TcpListener listener)
        {
            try
            {
                while (true)
                {
                    await _slots.WaitAsync().ConfigureAwait(false);
                    TcpClient client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                    _ = ServeAsync(client); // gives its slot back when done
                }
            }
            catch (Exception exception) when (!IsStopped)
            {
                _answer.TrySetException(exception);
            }
            catch (Exception)
            {
                // The listener stopped (an answer, the timeout, Ctrl+C): its pending accept throws as it closes.
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                using (client)
                {
                    if (!Track(client))
                    {
                        return;
                    }

                    IReadOnlyDictionary<string, string>? answer = await AnswerAsync(client).ConfigureAwait(false);
                    if (answer != null)
                    {
                        _answer.TrySetResult(answer);
                    }
                }
            }
            catch (Exception exception)
            {
                // AnswerAsync takes a connection that goes away; anything else is a fault here, and ends the wait rather than hide.
                _answer.TrySetException(exception);
            }
            finally
            {
                lock (_open)
                {
                    _open.Remove(client);
                }

                _slots.Release();
            }
        }

        /// <summary>Adds a connection to those Dispose closes; false, and it is not served, once the listener stopped.</summary>
        private bool Track(TcpClient client)
        {
            lock (_open)
            {
                return !_stopped && _open.Add(client);
            }
        }

        /// <summary>Answers one connection; the query when it asked for the redirect path, else null.</summary>
        private async Task<IReadOnlyDictionary<string, string>?> AnswerAsync(TcpClient client)
        {
            NetworkStream stream = client.GetStream();
            string? target;
            using (var timeout = new CancellationTokenSource(ConnectionTimeout))
            using (timeout.Token.Register(client.Close))
            {
                try
                {
                    target = await LoopbackHttp.ReadRequestTargetAsync(stream).ConfigureAwait(false);
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
                await LoopbackHttp.WritePageAsync(stream, "404 Not Found", "Not the sign-in's address.").ConfigureAwait(false);
                return null;
            }

            Dictionary<string, string> query = LoopbackHttp.ParseQuery(queryStart < 0 ? string.Empty : target.Substring(queryStart + 1));
            string message = query.TryGetValue("error", out string? error)
                ? $"The sign-in failed ({error}). You can close this window; PowerShell says why."
                : "You are signed in to Qlik Cloud. You can close this window and return to PowerShell.";
            await LoopbackHttp.WritePageAsync(stream, "200 OK", message).ConfigureAwait(false);
            return query;
        }
    }
}
