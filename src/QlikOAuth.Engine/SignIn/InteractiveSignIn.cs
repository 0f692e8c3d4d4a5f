using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Tokens;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// A person signs in as themselves: the authorization code flow with PKCE S256 (section 8.2). In order, each step
    /// failing fast with its own error id: listen on the redirect URI's port; ask the tenant whether the client and
    /// redirect URI are known (a 400 there never reaches the loopback, so a browser would wait in vain); open the
    /// browser; wait for the answer until the timeout, a failed browser or cancellation; check state; exchange the code.
    /// </summary>
    public static class InteractiveSignIn
    {
        public static async Task<SignInTokens> SignInAsync(QlikConnection connection, SignInRequest request, SystemBrowser browser, CancellationToken cancellationToken)
        {
            Pkce pkce = Pkce.Create();
            using (LoopbackListener listener = LoopbackListener.Start(request.Redirect))
            {
                await CheckClientAsync(connection, request, pkce, cancellationToken).ConfigureAwait(false);
                Uri authorize = AuthorizeUrl(connection.TenantUrl, request, pkce, request.LoginHint, prompt: null);
                QlikLog.Verbose($"Waiting up to {request.Timeout.TotalSeconds:0} s for the sign-in on {request.Redirect}.");
                IReadOnlyDictionary<string, string> answer = await WaitForAnswerAsync(listener, browser.Open(authorize), request.Timeout, cancellationToken).ConfigureAwait(false);

                if (!answer.TryGetValue("state", out string? state) || !string.Equals(state, pkce.State, StringComparison.Ordinal))
                {
                    throw SignInErrors.StateMismatch();
                }

                if (answer.TryGetValue("error", out string? error))
                {
                    throw SignInErrors.Returned(error, Value(answer, "error_code"), Value(answer, "error_detail") ?? Value(answer, "error_description"), request.ClientId);
                }

                if (!answer.TryGetValue("code", out string? code) || code.Length == 0)
                {
                    throw SignInErrors.NoCode();
                }

                var parameters = new Dictionary<string, object>
                {
                    ["client_id"] = request.ClientId,
                    ["code"] = code,
                    ["redirect_uri"] = request.Redirect.Text,
                    ["code_verifier"] = pkce.Verifier,
                };
                try
                {
                    (AccessToken token, string? refreshToken) = await TokenClient.RequestGrantAsync(connection, "authorization_code", request.ClientId, request.Client, parameters, cancellationToken).ConfigureAwait(false);
                    return new SignInTokens(token, refreshToken);
                }
                catch (QlikTokenException refused) when (request.Client is null && refused.Reason == TokenFailureReason.InvalidClientCredentials)
                {
                    // A public client sent no credential, so none can be wrong: the client is a web client that must send one.
                    throw SignInErrors.ClientCredentialRequired(request.ClientId, refused);
                }
            }
        }

        /// <summary>
        /// GET /oauth/authorize without a login hint and with prompt=none, redirects not followed: an unknown client or
        /// redirect URI is a 400 (section 8.2); any redirect or page means the browser can go on.
        /// </summary>
        private static async Task CheckClientAsync(QlikConnection connection, SignInRequest request, Pkce pkce, CancellationToken cancellationToken)
        {
            Uri probe = AuthorizeUrl(connection.TenantUrl, request, pkce, loginHint: null, prompt: "none");
            try
            {
                await connection.SendAsync(new QlikRequest(HttpMethod.Get, probe.PathAndQuery) { Idempotent = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (QlikOAuthException redirect) when (redirect.ErrorId == "QlikApi.Redirected")
            {
                // The tenant sends the browser on (to its identity provider, or back to the app): the client is known.
            }
            catch (QlikApiException refused) when ((int)refused.StatusCode == 400)
            {
                throw SignInErrors.Refused(refused.Code, refused.Detail, request.ClientId, request.Redirect.Uri, refused);
            }
        }

        private static async Task<IReadOnlyDictionary<string, string>> WaitForAnswerAsync(LoopbackListener listener, Task browserFailed, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (var timer = new CancellationTokenSource(timeout))
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token))
            {
                Task<IReadOnlyDictionary<string, string>> answer = listener.WaitAsync(stop.Token);
                Task first = await Task.WhenAny(answer, browserFailed).ConfigureAwait(false);
                if (first == browserFailed)
                {
                    stop.Cancel();
                    await browserFailed.ConfigureAwait(false); // throws SignIn.BrowserNotOpened
                }

                try
                {
                    return await answer.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw SignInErrors.TimedOut(timeout);
                }
            }
        }

        private static Uri AuthorizeUrl(Uri tenant, SignInRequest request, Pkce pkce, string? loginHint, string? prompt)
        {
            var query = new List<string>
            {
                "client_id=" + Uri.EscapeDataString(request.ClientId),
                "code_challenge=" + pkce.Challenge,
                "code_challenge_method=S256",
                "redirect_uri=" + Uri.EscapeDataString(request.Redirect.Text),
                "response_type=code",
                "scope=" + Uri.EscapeDataString(request.Scope),
                "state=" + pkce.State,
            };
            if (!string.IsNullOrEmpty(loginHint))
            {
                query.Add("login_hint=" + Uri.EscapeDataString(loginHint));
            }

            if (prompt != null)
            {
                query.Add("prompt=" + prompt);
            }

            return new Uri(tenant, "/oauth/authorize?" + string.Join("&", query));
        }

        private static string? Value(IReadOnlyDictionary<string, string> answer, string name) =>
            answer.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
    }
}
