using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.Authorize;

/// <summary>
/// The errors of a person's sign-in. <c>error</c> is RFC 6749's vocabulary; the Qlik codes (<c>error_code</c>) are
/// unconfirmed stand-ins (section 8.5, question 6), kept stable so clients can tell the reasons apart.
/// </summary>
internal static class SignInErrors
{
    /// <summary>The reasons /oauth/authorize sends back to the redirect URI: (error, error_code).</summary>
    public static readonly (string Error, string Code) InvalidRequest = ("invalid_request", "OAUTH-1");
    public static readonly (string Error, string Code) UnsupportedResponseType = ("unsupported_response_type", "OAUTH-11");
    public static readonly (string Error, string Code) UnauthorizedClient = ("unauthorized_client", "OAUTH-4");
    public static readonly (string Error, string Code) InvalidScope = ("invalid_scope", "OAUTH-6");
    public static readonly (string Error, string Code) AccessDenied = ("access_denied", "OAUTH-10");
    public static readonly (string Error, string Code) UserDisabled = ("access_denied", "OAUTH-8");
    public static readonly (string Error, string Code) LoginRequired = ("login_required", "OAUTH-15");
    public static readonly (string Error, string Code) ConsentRequired = ("consent_required", "OAUTH-5");

    /// <summary>Unknown client_id: 400 JSON, never a redirect to an address nobody registered.</summary>
    public static Reply UnknownClient(string detail) => Reply.Error(400, "OAUTH-14", "Invalid client_id", detail, statusAsString: true);

    /// <summary>redirect_uri not registered on the client: 400 JSON, never a redirect.</summary>
    public static Reply UnregisteredRedirect(string detail) => Reply.Error(400, "OAUTH-12", "Invalid redirect_uri", detail, statusAsString: true);

    /// <summary>
    /// A client with no redirect URI at all (a machine client): a 400 like an unregistered redirect URI, since there is
    /// nowhere to send the browser, under unauthorized_client's code so the app can say the client is the wrong kind.
    /// Which code Qlik sends here is unconfirmed (section 8.5, question 6).
    /// </summary>
    public static Reply CannotSignIn(string detail) => Reply.Error(400, UnauthorizedClient.Code, "Unauthorized client", detail, statusAsString: true);

    /// <summary>A bad or expired code or refresh token: 401, and the client should drop it (section 8.2).</summary>
    public static Reply InvalidGrant(string detail) => Reply.Error(401, "OAUTH-9", "Invalid grant", detail, statusAsString: true);

    /// <summary>The sign-in page's form names a sign-in that is unknown or over.</summary>
    public static Reply UnknownSignIn() =>
        Reply.Error(400, "OAUTH-1", "Invalid request", "this sign-in is unknown or expired: start again from the application", statusAsString: true);

    /// <summary>The redirect that carries an error back to the app (RFC 6749 4.1.2.1 plus Qlik's error_code and error_detail).</summary>
    public static Reply Redirect(string redirectUri, (string Error, string Code) reason, string detail, string? state) =>
        Reply.Redirect(RedirectUris.With(redirectUri, ("error", reason.Error), ("error_code", reason.Code), ("error_detail", detail), ("state", state)));
}
