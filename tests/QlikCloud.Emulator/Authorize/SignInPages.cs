using System.Net;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Authorize;

/// <summary>
/// The emulator's identity-provider pages: a sign-in form (an email is enough: the emulator checks no password) and
/// the consent screen listing the requested scopes. Plain forms, so a test can post them as a browser would.
/// </summary>
internal static class SignInPages
{
    public static string SignIn(PendingSignIn pending, string clientName, string? email, string? problem) => Page(
        "Sign in",
        $"""
        <h1>Sign in to the emulated tenant</h1>
        <p>{Text(clientName)} asks you to sign in.</p>
        {(problem is null ? "" : $"<p id=\"problem\">{Text(problem)}</p>")}
        <form method="post" action="/oauth/authorize/sign-in">
          <input type="hidden" name="signin" value="{Text(pending.Id)}">
          <label>Email <input type="email" name="email" value="{Text(email ?? "")}"></label>
          <button type="submit">Sign in</button>
        </form>
        """);

    public static string Consent(PendingSignIn pending, string clientName, EmulatorUser user) => Page(
        "Allow access",
        $"""
        <h1>Allow {Text(clientName)} to act as {Text(user.Name)}?</h1>
        <ul>{string.Concat(pending.Scopes.Select(scope => $"<li>{Text(scope)}</li>"))}</ul>
        <form method="post" action="/oauth/authorize/consent">
          <input type="hidden" name="signin" value="{Text(pending.Id)}">
          <button type="submit" name="decision" value="allow">Allow</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </form>
        """);

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>";

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
