using System;
using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Engine.SignIn
{
    /// <summary>
    /// Why a person's sign-in failed, one error id per reason a person can act on. Every message says what to do.
    /// </summary>
    internal static class SignInErrors
    {
        public static QlikOAuthException NotLoopback(string redirectUri) => new QlikOAuthException(
            "SignIn.RedirectUriNotLoopback",
            QlikErrorKind.InvalidArgument,
            $"-RedirectUri '{redirectUri}' is not a loopback redirect this module can listen on. Give the redirect URI registered on the client, of the form http://127.0.0.1:<port>/<path> or http://localhost:<port>/<path>, with an explicit port.",
            redirectUri);

        public static QlikOAuthException PortInUse(Uri redirectUri, Exception cause) => new QlikOAuthException(
            "SignIn.RedirectPortInUse",
            QlikErrorKind.Conflict,
            $"Cannot listen on {redirectUri.Authority} for the sign-in's answer: {cause.Message}. Close the program that holds port {redirectUri.Port}, or register another loopback redirect URI on the client and pass it with -RedirectUri.",
            redirectUri,
            cause);

        public static QlikOAuthException BrowserNotOpened(string command, string why, Exception? cause = null) => new QlikOAuthException(
            "SignIn.BrowserNotOpened",
            QlikErrorKind.InvalidArgument,
            $"The browser could not be opened ({command}): {why}. Set $env:BROWSER to a browser command (such as firefox or chromium), or install the platform's opener (xdg-open on Linux).",
            command,
            cause);

        public static QlikOAuthException TimedOut(TimeSpan timeout) => new QlikOAuthException(
            "SignIn.TimedOut",
            QlikErrorKind.Timeout,
            $"The sign-in did not finish within {timeout.TotalSeconds:0} s (-TimeoutSec). Finish signing in in the browser sooner, or give a longer -TimeoutSec.",
            null);

        public static QlikOAuthException StateMismatch() => new QlikOAuthException(
            "SignIn.StateMismatch",
            QlikErrorKind.Authentication,
            "The answer to the sign-in carried another state than this sign-in sent, so it was not taken: it may come from another sign-in or a forged link. Sign in again.",
            null);

        public static QlikOAuthException NoCode() => new QlikOAuthException(
            "SignIn.InvalidAnswer",
            QlikErrorKind.InvalidResponse,
            "The tenant sent the browser back without a code or an error. Sign in again; if it persists, check the client's redirect URI.",
            null);

        public static QlikOAuthException ClientCredentialRequired(string clientId, Exception cause) => new QlikOAuthException(
            "SignIn.ClientCredentialRequired",
            QlikErrorKind.Authentication,
            $"The person signed in, but the tenant wants client {clientId} to prove itself to exchange the code: it is a web (confidential) client. Connect again with its secret (-ClientSecret) or its signing key (-PrivateKeyPath, -Certificate or -CertificatePath), or sign in with a native client.",
            clientId,
            cause);

        /// <summary>
        /// The tenant refused before any browser opened (400 errors[]): the client or its redirect URI. The codes are the
        /// emulator's stand-ins (Qlik's are unconfirmed, section 8.5): one the module does not know is SignIn.Refused.
        /// </summary>
        public static QlikOAuthException Refused(string? code, string? detail, string clientId, Uri redirectUri, Exception cause)
        {
            switch (code)
            {
                case "OAUTH-12":
                    return new QlikOAuthException(
                        "SignIn.RedirectUriNotRegistered",
                        QlikErrorKind.InvalidArgument,
                        $"The redirect URI {redirectUri} is not registered on client {clientId} ({detail}). Ask an admin to add it: Set-QlikOAuthClient -ClientId {clientId} -RedirectUri ..., or pass a registered one with -RedirectUri.",
                        redirectUri,
                        cause);
                case "OAUTH-4":
                    return WrongClientType(clientId, $"{code}: {detail}", cause);
                case "OAUTH-14":
                    return new QlikOAuthException(
                        "SignIn.UnknownClient",
                        QlikErrorKind.NotFound,
                        $"The tenant knows no OAuth client {clientId} ({detail}). Check -ClientId: it is the id of a native or web client of this tenant.",
                        clientId,
                        cause);
                default:
                    return new QlikOAuthException(
                        "SignIn.Refused",
                        QlikErrorKind.InvalidArgument,
                        $"The tenant refused to start the sign-in with client {clientId} and redirect URI {redirectUri} ({code}: {detail}). Check -ClientId and -RedirectUri (it must be registered on the client exactly).",
                        clientId,
                        cause);
            }
        }

        /// <summary>The tenant sent the browser back with an error (RFC 6749 4.1.2.1 plus Qlik's error_code and error_detail).</summary>
        public static QlikOAuthException Returned(string error, string? errorCode, string? detail, string clientId)
        {
            string said = $"{error}{(errorCode is null ? string.Empty : " " + errorCode)}{(detail is null ? string.Empty : ": " + detail)}";
            switch (error)
            {
                case "access_denied" when errorCode != "OAUTH-8":
                    return new QlikOAuthException("SignIn.ConsentDenied", QlikErrorKind.PermissionDenied, $"The sign-in was refused: access was not allowed on the consent screen ({said}). Sign in again and choose Allow, or ask an admin to set the client's consent to trusted.", clientId);
                case "unauthorized_client":
                    return WrongClientType(clientId, said, null);
                case "invalid_scope":
                    return new QlikOAuthException("SignIn.ScopeNotAllowed", QlikErrorKind.InvalidArgument, $"The client does not allow a scope asked for ({said}). Pass -Scope with the client's scopes (without offline_access if it lacks it), or allow them on the client.", clientId);
                default:
                    return new QlikOAuthException("SignIn.Refused", QlikErrorKind.Authentication, $"The tenant refused the sign-in ({said}).", clientId);
            }
        }

        /// <summary>A machine client (no redirect URI) or an anonymous-embed client: no person can sign in with it.</summary>
        private static QlikOAuthException WrongClientType(string clientId, string said, Exception? cause) => new QlikOAuthException(
            "SignIn.WrongClientType",
            QlikErrorKind.InvalidArgument,
            $"Client {clientId} cannot sign people in ({said}): it is a machine client without redirect URIs, or an anonymous-embed client. Use a native client, or a web client with your loopback redirect URI registered (and its -ClientSecret or signing key).",
            clientId,
            cause);

        /// <param name="refused">The tenant's refusal of the refresh token, or null when there was none to try.</param>
        public static QlikOAuthException Expired(string clientId, Exception? refused = null) => new QlikOAuthException(
            "SignIn.Expired",
            QlikErrorKind.Authentication,
            (refused is null
                ? "The signed-in session's token has expired and cannot be renewed (no refresh token: the sign-in did not get offline_access, or it was revoked). "
                : $"The signed-in session cannot be renewed: the tenant refused its refresh token (expired, revoked, or its client removed; {refused.Message}). ")
            + $"Connect again with Connect-QlikTenant -ClientId {clientId} -Interactive.",
            clientId,
            refused);
    }
}
