using System;
using System.Diagnostics;
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
    /// into a <see cref="QlikApiException"/>. Safe to use from many threads at once.
    /// </summary>
    public sealed class QlikConnection : IDisposable
    {
        private static readonly string UserAgent = BuildUserAgent();
        private readonly HttpClient _http;
        private readonly RateGate _rateGate = new RateGate();

        public QlikConnection(Uri tenantUrl, QlikHttpOptions? options = null, HttpMessageHandler? handler = null)
        {
            TenantUrl = TenantUrlPolicy.Normalize(tenantUrl);
            Options = options?.Clone() ?? new QlikHttpOptions();
            _http = new HttpClient(handler ?? QlikHttpHandler.Create(Options.Proxy), disposeHandler: true)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        /// <summary>scheme://host[:port] of the tenant, no path, no trailing slash.</summary>
        public Uri TenantUrl { get; }

        public Uri TokenEndpoint => new Uri(TenantUrl.GetLeftPart(UriPartial.Authority) + "/oauth/token");

        public QlikHttpOptions Options { get; }

        public async Task<QlikResponse> SendAsync(QlikRequest request, CancellationToken cancellationToken)
        {
            Uri target = ResolveTarget(request.PathOrUrl);
            string method = request.Method.Method;
            string path = HttpTrace.RedactedPathAndQuery(target); // never a secret query value in a log line or message
            int rateLimitWaits = 0;
            int transientTries = 0;
            bool credentialRefreshed = false;

            while (true)
            {
                await _rateGate.WaitAsync(request.Tier, cancellationToken).ConfigureAwait(false);
                Attempt attempt = await TryOnceAsync(request, target, credentialRefreshed, cancellationToken).ConfigureAwait(false);

                if (attempt.Failure is null && attempt.Status is HttpStatusCode status)
                {
                    int code = (int)status;
                    QlikLog.Verbose($"{method} {path} -> {code} {status} ({attempt.ElapsedMilliseconds} ms)");
                    if (code < 400)
                    {
                        return new QlikResponse(method, path, status, attempt.Body);
                    }

                    if (code == 407)
                    {
                        throw Options.Proxy.AuthenticationRequired(method, path, TenantUrl);
                    }

                    QlikErrorBody error = QlikErrorBody.Parse(attempt.Body);
                    if (code == 429)
                    {
                        TimeSpan wait = attempt.RetryAfter ?? Backoff(rateLimitWaits);
                        _rateGate.Block(request.Tier, wait);
                        if (rateLimitWaits >= Options.MaxRateLimitRetries || wait > Options.MaxRetryAfter)
                        {
                            throw new QlikApiException(method, path, status, error, wait);
                        }

                        rateLimitWaits++;
                        QlikLog.Verbose($"{method} {path}: rate limited; waiting {wait.TotalSeconds:0.#} s (Retry-After) before try {rateLimitWaits + 1}.");
                        continue;
                    }

                    if (code == 401 && request.Credential is { CanRefresh: true } && !credentialRefreshed)
                    {
                        QlikLog.Verbose($"{method} {path}: the session's token was refused; getting a new one and trying once more.");
                        credentialRefreshed = true;
                        continue;
                    }

                    if (code >= 500 && request.Idempotent && transientTries < Options.MaxTransientRetries)
                    {
                        TimeSpan wait = attempt.RetryAfter ?? Backoff(transientTries);
                        transientTries++;
                        QlikLog.Verbose($"{method} {path}: server error {code}; retrying in {wait.TotalSeconds:0.#} s (try {transientTries + 1}).");
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
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
                    QlikLog.Verbose($"{method} {path}: {attempt.FailureSummary}; retrying in {wait.TotalSeconds:0.#} s (try {transientTries + 1}).");
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw attempt.Failure!;
            }
        }

        public void Dispose() => _http.Dispose();

        private async Task<Attempt> TryOnceAsync(QlikRequest request, Uri target, bool refreshCredential, CancellationToken cancellationToken)
        {
            string method = request.Method.Method;
            string path = HttpTrace.RedactedPathAndQuery(target); // never a secret query value in a log line or message
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

            if (request.JsonBody != null)
            {
                message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.RequestTimeout);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                QlikLog.Debug(HttpTrace.Line(method, target, response, stopwatch.ElapsedMilliseconds));
                return Attempt.Answered(response.StatusCode, body, RetryAfterOf(response), stopwatch.ElapsedMilliseconds);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Attempt.Failed(
                    "no answer in time",
                    new QlikOAuthException(
                        "QlikApi.Timeout",
                        QlikErrorKind.Timeout,
                        $"{method} {path} got no answer within {Options.RequestTimeout.TotalSeconds:0} s. Check the tenant URL and the network, then retry.",
                        path));
            }
            catch (HttpRequestException exception) when (QlikProxy.RefusedTunnel(exception))
            {
                // Not transient: the same request gets the same 407 until the proxy's sign-in is given.
                throw Options.Proxy.AuthenticationRequired(method, path, TenantUrl, exception);
            }
            catch (HttpRequestException exception)
            {
                return Attempt.Failed(
                    "the connection failed",
                    new QlikOAuthException(
                        "QlikApi.ConnectionFailed",
                        QlikErrorKind.ServiceUnavailable,
                        $"{method} {path} failed: the connection to {TenantUrl.Host} was lost or refused ({exception.Message}). Check the tenant URL and the network, then retry.",
                        path,
                        exception));
            }
        }

        private Uri ResolveTarget(string pathOrUrl)
        {
            if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out Uri? absolute) && absolute.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                // Paging links are absolute. Our bearer goes to the tenant's own host and nowhere else.
                if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), TenantUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                {
                    throw new QlikOAuthException(
                        "QlikApi.ForeignLink",
                        QlikErrorKind.InvalidResponse,
                        $"The tenant pointed to {absolute.GetLeftPart(UriPartial.Authority)}, which is not {TenantUrl.GetLeftPart(UriPartial.Authority)}; the request was not sent.",
                        absolute.GetLeftPart(UriPartial.Path));
                }

                return absolute;
            }

            string relative = pathOrUrl.StartsWith("/", StringComparison.Ordinal) ? pathOrUrl : "/" + pathOrUrl;
            return new Uri(TenantUrl.GetLeftPart(UriPartial.Authority) + relative);
        }

        private TimeSpan Backoff(int previousTries) =>
            TimeSpan.FromTicks(Options.TransientBackoff.Ticks * (1L << Math.Min(previousTries, 6)));

        private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (retryAfter?.Date is DateTimeOffset date)
            {
                TimeSpan until = date - DateTimeOffset.UtcNow;
                return until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }

            return null;
        }

        private static string BuildUserAgent()
        {
            Version? version = typeof(QlikConnection).Assembly.GetName().Version;
            return $"QlikOAuth/{version?.ToString(3) ?? "0.0.0"} (PowerShell module; {RuntimeInformation.FrameworkDescription.Replace('(', ' ').Replace(')', ' ').Trim()})";
        }

        private readonly struct Attempt
        {
            private Attempt(HttpStatusCode? status, string body, TimeSpan? retryAfter, long elapsed, QlikOAuthException? failure, string failureSummary)
            {
                Status = status;
                Body = body;
                RetryAfter = retryAfter;
                ElapsedMilliseconds = elapsed;
                Failure = failure;
                FailureSummary = failureSummary;
            }

            public HttpStatusCode? Status { get; }
            public string Body { get; }
            public TimeSpan? RetryAfter { get; }
            public long ElapsedMilliseconds { get; }
            public QlikOAuthException? Failure { get; }
            public string FailureSummary { get; }

            public static Attempt Answered(HttpStatusCode status, string body, TimeSpan? retryAfter, long elapsed) =>
                new Attempt(status, body, retryAfter, elapsed, null, string.Empty);

            public static Attempt Failed(string summary, QlikOAuthException failure) =>
                new Attempt(null, string.Empty, null, 0, failure, summary);
        }
    }
}
