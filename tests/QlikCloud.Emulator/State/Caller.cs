namespace QlikCloud.Emulator.State;

/// <summary>Who an authenticated REST request acts as.</summary>
internal sealed record Caller(string Label, EmulatorUser User, bool IsTenantAdmin);
