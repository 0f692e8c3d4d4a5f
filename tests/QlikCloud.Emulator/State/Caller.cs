namespace QlikCloud.Emulator.State;

/// <summary>Who an authenticated REST request acts as; <see cref="Token"/> is set when an access token (not an API key) authenticated it.</summary>
internal sealed record Caller(string Label, EmulatorUser User, bool IsTenantAdmin, IssuedToken? Token = null);
