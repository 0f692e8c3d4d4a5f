using QlikCloud.Emulator.Http;

namespace QlikCloud.Emulator.Tokens;

/// <summary>
/// The token endpoint's error catalog. OAUTH-14 "Invalid client_id" is Qlik's documented code; the other codes and
/// titles are unconfirmed stand-ins, kept stable because the engine classifies token failures by code.
/// The status is written as a string, as Qlik's token endpoint does.
/// </summary>
internal static class OAuthErrors
{
    public static Reply InvalidRequest(string detail) => Make(400, "OAUTH-1", "Invalid request", detail);
    public static Reply UnsupportedGrantType(string detail) => Make(400, "OAUTH-2", "Unsupported grant type", detail);
    public static Reply InvalidClientId(string detail) => Make(400, "OAUTH-14", "Invalid client_id", detail);
    public static Reply InvalidClientCredentials(string detail) => Make(401, "OAUTH-3", "Invalid client credentials", detail);
    public static Reply UnauthorizedGrantType(string detail) => Make(400, "OAUTH-4", "Unauthorized grant type", detail);
    public static Reply ConsentRequired(string detail) => Make(403, "OAUTH-5", "Consent required", detail);
    public static Reply InvalidScope(string detail) => Make(400, "OAUTH-6", "Invalid scope", detail);
    public static Reply UserNotFound(string detail) => Make(400, "OAUTH-7", "User not found", detail);
    public static Reply UserDisabled(string detail) => Make(403, "OAUTH-8", "User disabled", detail);

    private static Reply Make(int status, string code, string title, string detail) =>
        Reply.Error(status, code, title, detail, statusAsString: true);
}
