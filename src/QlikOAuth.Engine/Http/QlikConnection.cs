using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.Http
{
    /// <summary>
    /// The one HTTP client of a session: authenticates, waits out 429s (the whole tier pauses for this caller,
    /// as Qlik blocks it), retries transient failures of idempotent calls only, and turns every Qlik error
    /// into a <see cref="QlikApiException"/> and every other failure (no answer, a redirect, a body too large)
    /// into a <see cref="QlikOAuthException"/>. No wait is longer than <see cref="QlikHttpOptions.MaxRetryAfter"/>, and
    /// no request waits longer in all for the rate limit than <see cref="QlikHttpOptions.MaxRateLimitWait"/>.
    /// Safe to use from many threads at once.
    /// </summary>
    public sealed class QlikConnection : IDisposable
    {
        private const string TokenPath = "/oauth/token";
        private static readonly string UserAgent = BuildUserAgent();
        private readonly HttpClient _http;
        private readonly string _authority;
        private readonly RateGate _rateGate;

        /// <param name="clock">Times every wait (Retry-After, back-off, a paused tier) and signs assertions; tests pass a fake one.</param>
        public QlikConnection(Uri tenantUrl, QlikHttpOptions? options = null, HttpMessageHandler? handler = null, TimeProvider? clock = null)
        {
            TenantUrl = TenantUrlPolicy.Normalize(tenantUrl);
            _authority = TenantUrl.GetLeftPart(UriPartial.Authority);
            TokenEndpoint = new Uri(_authority + TokenPath);
            Options = options?.Clone() ?? new QlikHttpOptions();
            Clock = clock ?? TimeProvider.System;
            _rateGate = new RateGate(Clock);
            _http = new HttpClient(handler ?? QlikHttpHandler.Create(Options.Proxy), disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        /// <summary>scheme://host[:port] of the tenant, no path, no trailing slash.</summary>
        public Uri TenantUrl { get; }

        /// <summary>The tenant's /oauth/token, made once: every token request and client assertion names it.</summary>
        public Uri TokenEndpoint { get; }

        public QlikHttpOptions Options { get; }

        public TimeProvider Clock { get; }

        public async Task<QlikResponse> SendAsync(QlikRequest request, CancellationToken cancellationToken)
        {
            Uri target = ResolveTarget(request.PathOrUrl);
            string method = request.Method.Method;
            string path = HttpTrace.RedactedPathAndQuery(target); // never a secret query value in a log line or message
            string call = $"{method} {path}";
            int rateLimitWaits = 0;
            var rateLimitBudget = new RateLimitBudget(Options.MaxRateLimitWait);
            int transientTries = 0;
            bool credentialRefreshed = false;

            while (true)
            {
                await _rateGate.WaitAsync(request.Tier, Options.MaxRetryAfter, rateLimitBudget, call, cancellationToken).ConfigureAwait(false);
                Attempt attempt = await TryOnceAsync(request, target, path, call, credentialRefreshed, cancellationToken).ConfigureAwait(false);

                if (attempt.Failure is null && attempt.Status is HttpStatusCode status)
                {
                    int code = (int)status;
                    if (QlikLog.IsListening)
                    {
                        QlikLog.Verbose($"{call} -> {code} {status} ({attempt.ElapsedMilliseconds} ms)");
                    }

                    if (code >= 300 && code < 400)
                    {
                        throw Redirected(call, code, attempt.Location);
                    }

                    if (code < 300)
                    {
                        return new QlikResponse(method, path, status, attempt.Body);
                    }

                    if (code == 407)
                    {
                        throw Options.Proxy.AuthenticationRequired(method, path, TenantUrl);
                    }

                    // The earlier try was lost on the way back, so the server may have done the delete already.
                    if (code == 404 && transientTries > 0 && request.Method == HttpMethod.Delete)
                    {
                        QlikLog.Verbose($"{call}: the repeated delete found nothing to delete, so the earlier try (whose answer was lost) did it.");
                        return new QlikResponse(method, path, status, ResponseBody.None);
                    }

                    QlikErrorBody error = QlikErrorBody.Parse(Utf8Text.Decode(attempt.Body));
                    if (code == 429)
                    {
                        TimeSpan wait = attempt.RetryAfter ?? Backoff(rateLimitWaits);
                        // The tenant pauses the whole tier, whether or not this call waits it out: later calls must know.
                        _rateGate.Block(request.Tier, wait);
                        if (rateLimitWaits >= Options.MaxRateLimitRetries || wait > Options.MaxRetryAfter)
                        {
                            throw new QlikApiException(method, path, status, error, wait);
                        }

                        if (!rateLimitBudget.Allows(wait))
                        {
                            throw rateLimitBudget.Exhausted(call, Clock.GetUtcNow() + wait);
                        }

                        rateLimitWaits++;
                        QlikLog.Verbose($"{call}: rate limited (Retry-After {wait.TotalSeconds:0.#} s); try {rateLimitWaits + 1} follows the pause.");
                        continue;
                    }

                    if (code == 401 && request.Credential is { CanRefresh: true } && !credentialRefreshed)
                    {
                        QlikLog.Verbose($"{call}: the session's token was refused; getting a new one and trying once more.");
                        credentialRefreshed = true;
                        continue;
                    }

                    if (code >= 500 && request.Idempotent && transientTries < Options.MaxTransientRetries
                        && (attempt.RetryAfter is null || attempt.RetryAfter <= Options.MaxRetryAfter))
                    {
                        TimeSpan wait = attempt.RetryAfter ?? Backoff(transientTries);
                        transientTries++;
                        QlikLog.Verbose($"{call}: server error {code}; retrying in {wait.TotalSeconds:0.#} s (try {transientTries + 1}).");
                        await Waits.DelayAsync(Clock, wait, $"after server error {code} on {call}, before try {transientTries + 1}", cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    throw new QlikApiException(method, path, status, error, attempt.RetryAfter);
                }

                // No answer: dropped connection or timeout. Repeating is safe only when the call is idempotent:
                // a create may have happened even though we never heard back.
                if (request.Idempotent && transientTries < Options.MaxTransientRetries)
                {
                    TimeSpan wait = Backoff(transientTries);
                    transientTries++;
                    QlikLog.Verbose($"{call}: {attempt.FailureSummary}; retrying in {wait.TotalSeconds:0.#} s (try {transientTries + 1}).");
                    await Waits.DelayAsync(Clock, wait, $"after {attempt.FailureSummary} on {call}", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw attempt.Failure!;
            }
        }

        public void Dispose() => _http.Dispose();

        /// <param name="path">The target's path and query as messages may show it (no secret query value).</param>
        /// <param name="call">"METHOD path", for messages.</param>
        private async Task<Attempt> TryOnceAsync(QlikRequest request, Uri target, string path, string call, bool refreshCredential, CancellationToken cancellationToken)
        {
            string method = request.Method.Method;
            using var message = new HttpRequestMessage(request.Method, target);
            if (request.Credential != null)
            {
                string bearer = await request.Credential.GetBearerAsync(this, refreshCredential, cancellationToken).ConfigureAwait(false);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            foreach (var header in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            string? json = request.JsonBodyFactory?.Invoke(Clock.GetUtcNow()) ?? request.JsonBody;
            if (json != null)
            {
                message.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            long started = Stopwatch.GetTimestamp();
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                ArraySegment<byte> body = await ResponseBody.ReadAsync(response.Content, Options.MaxResponseContentBytes, call, timeout.Token).ConfigureAwait(false);
                if (QlikLog.IsListening)
                {
                    QlikLog.Debug(HttpTrace.Line(method, target, response, MillisecondsSince(started)));
                }

                return Attempt.Answered(response.StatusCode, body, RetryAfterOf(response), response.Headers.Location, MillisecondsSince(started));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Attempt.Failed(
                    "no answer in time",
                    new QlikOAuthException(
                        HttpErrors.Timeout,
                        QlikErrorKind.Timeout,
                        $"{method} {path} got no answer within {Options.RequestTimeout.TotalSeconds:0} s. Check the tenant URL and the network, then retry.",
                        path));
            }
            catch (HttpRequestException exception) when (QlikProxy.RefusedTunnel(exception))
            {
                // Not transient: the same request gets the same 407 until the proxy's sign-in is given.
                throw Options.Proxy.AuthenticationRequired(method, path, TenantUrl, exception);
            }
            catch (ObjectDisposedException)
            {
                // Disconnect-QlikTenant closed the connection while a caller still held the session.
                throw new QlikOAuthException(
                    "SessionDisconnected",
                    QlikErrorKind.InvalidArgument,
                    $"{method} {path} was not sent: the session to {TenantUrl.Host} was disconnected. Connect again with Connect-QlikTenant.",
                    path);
            }
            catch (Exception exception) when (exception is HttpRequestException || exception is IOException)
            {
                return Attempt.Failed(
                    "the connection failed",
                    new QlikOAuthException(
                        HttpErrors.ConnectionFailed,
                        QlikErrorKind.ServiceUnavailable,
                        $"{method} {path} failed: the connection to {TenantUrl.Host} was lost or refused ({exception.Message}). Check the tenant URL and the network, then retry.",
                        path,
                        exception));
            }
        }

        private Uri ResolveTarget(string pathOrUrl)
        {
            // A path is the common case, and the token endpoint the hottest: no parse as an absolute URL (on Linux and
            // macOS "/oauth/token" would parse, as a file: URL) and no new Uri for it.
            if (pathOrUrl.Length > 1 && pathOrUrl[0] == '/' && pathOrUrl[1] != '/')
            {
                return pathOrUrl == TokenPath ? TokenEndpoint : new Uri(_authority + pathOrUrl);
            }

            if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out Uri? absolute) && absolute.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                // Paging links are absolute. Our bearer goes to the tenant's own host and nowhere else.
                if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), _authority, StringComparison.OrdinalIgnoreCase))
                {
                    throw new QlikOAuthException(
                        "QlikApi.ForeignLink",
                        QlikErrorKind.InvalidResponse,
                        $"The tenant pointed to {absolute.GetLeftPart(UriPartial.Authority)}, which is not {_authority}; the request was not sent.",
                        absolute.GetLeftPart(UriPartial.Path));
                }

                return absolute;
            }

            string relative = pathOrUrl.StartsWith("/", StringComparison.Ordinal) ? pathOrUrl : "/" + pathOrUrl;
            return new Uri(_authority + relative);
        }

        // Doubled per try and spread by ±20%, so parallel callers that failed together do not retry together.
        private TimeSpan Backoff(int previousTries) =>
            Waits.Jitter(TimeSpan.FromTicks(Options.TransientBackoff.Ticks * (1L << Math.Min(previousTries, 6))), -0.2, 0.2);

        // Never followed: the target could be another host (our bearer must not go there), and nothing was done here.
        private static QlikOAuthException Redirected(string call, int code, Uri? location)
        {
            string where = location is null ? "no Location"
                : location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Authority) : "a path on the same host";
            return new QlikOAuthException(
                "QlikApi.Redirected",
                QlikErrorKind.InvalidResponse,
                $"{call} was answered with the redirect {code} to {where}, which this module does not follow, so nothing was done. Check that the tenant URL is the tenant's own address (https://<tenant>.<region>.qlikcloud.com) and that no proxy rewrites the request.",
                call);
        }

        private TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (retryAfter?.Date is DateTimeOffset date)
            {
                TimeSpan until = date - Clock.GetUtcNow();
                return until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }

            return null;
        }

        private static long MillisecondsSince(long started) => (Stopwatch.GetTimestamp() - started) * 1000 / Stopwatch.Frequency;

        private static string BuildUserAgent()
        {
            Version? version = typeof(QlikConnection).Assembly.GetName().Version;
            return $"QlikOAuth/{version?.ToString(3) ?? "0.0.0"} (PowerShell module; {RuntimeInformation.FrameworkDescription.Replace('(', ' ').Replace(')', ' ').Trim()})";
        }

        private readonly struct Attempt
        {
            private Attempt(HttpStatusCode? status, ArraySegment<byte> body, TimeSpan? retryAfter, Uri? location, long elapsed, QlikOAuthException? failure, string failureSummary)
            {
                Status = status;
                Body = body;
                RetryAfter = retryAfter;
                Location = location;
                ElapsedMilliseconds = elapsed;
                Failure = failure;
                FailureSummary = failureSummary;
            }

            public HttpStatusCode? Status { get; }
            public ArraySegment<byte> Body { get; }
            public TimeSpan? RetryAfter { get; }
            public Uri? Location { get; }
            public long ElapsedMilliseconds { get; }
            public QlikOAuthException? Failure { get; }
            public string FailureSummary { get; }

            public static Attempt Answered(HttpStatusCode status, ArraySegment<byte> body, TimeSpan? retryAfter, Uri? location, long elapsed) =>
                new Attempt(status, body, retryAfter, location, elapsed, null, string.Empty);

            public static Attempt Failed(string summary, QlikOAuthException failure) =>
                new Attempt(null, ResponseBody.None, null, null, 0, failure, summary);
        }
    }
}
