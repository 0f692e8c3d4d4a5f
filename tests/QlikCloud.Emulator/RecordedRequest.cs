namespace QlikCloud.Emulator;

/// <summary>
/// One request as the emulator received it and answered it (test-control calls excluded).
/// <see cref="Status"/> is 0 when a fault dropped the connection. <see cref="CallerId"/> names who called:
/// <c>apikey:&lt;userId&gt;</c>, <c>client:&lt;clientId&gt;</c> (M2M token, or the client on /oauth/*),
/// <c>client:&lt;clientId&gt;/user:&lt;userId&gt;</c> (impersonation token), <c>unknown</c> for an unrecognised
/// bearer, null when there was no credential.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? CallerId);
