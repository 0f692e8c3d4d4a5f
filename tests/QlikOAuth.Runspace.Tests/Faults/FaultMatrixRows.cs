namespace QlikOAuth.Runspace.Tests.Faults;

/// <summary>What a row's call does to the tenant, which decides the cell rules.</summary>
public enum CallKind
{
    /// <summary>Safe to repeat (a GET, setting a value, a delete): transient faults must end in success.</summary>
    Repeatable,
    /// <summary>Creates an OAuth client: never sent twice, never duplicated, a lost answer says how to check.</summary>
    CreatesClient,
    /// <summary>Adds a client secret: never sent twice; the secret reaches the user or the error says it may exist.</summary>
    CreatesSecret,
    /// <summary>Any other change or a token request: never sent twice, fails with the module's error.</summary>
    OnceOnly,
    /// <summary>Rotates a secret: never sent twice; every secret the call left on the tenant reached the user, unless the add's answer was lost.</summary>
    RotatesSecret,
    /// <summary>Adds a key: never sent twice; a lost answer says the key may be registered and how to check.</summary>
    AddsKey,
    /// <summary>
    /// A change that makes a secret (never sent twice), then a repeatable step that the fault hits: transient faults
    /// end in success, and the secret the tenant made reaches the user whatever the step's fault.
    /// </summary>
    SecretThenStep,
    /// <summary>
    /// Prunes through a session signed in with an OAuth client: the deletes are repeatable (transient faults end in
    /// success), the session's own client is never removed, and the session's next call succeeds.
    /// </summary>
    PrunesOwnSession,
    /// <summary>A token batch whose client the tenant refuses: at most ThrottleLimit + 1 token requests, and one TokenBatchStopped error once a refusal came.</summary>
    StopsBatch,
}

/// <param name="Script">Runs on a session connected with -TimeoutSec 1 (unless <paramref name="Connects"/>); sees $Id (a
/// trusted client with both grants), $Client (its PSCredential) and $Hint (a second secret's hint).</param>
/// <param name="FaultPath">The path the fault hits; "{id}" is the arranged client's id.</param>
/// <param name="Setup">Runs after the connect and before the fault is armed: tenant state only this row needs.</param>
public sealed record FaultMatrixRow(string Name, CallKind Kind, string Script, string FaultPath, string? FaultMethod, bool Connects = false, string? Setup = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// The rows of the fault matrix: every tenant-facing cmdlet invocation, one line each. A new cmdlet that talks to
/// the tenant gets a row here.
/// </summary>
public static class FaultMatrixRows
{
    public const string CreatedName = "matrix client";

    /// <summary>The -ThrottleLimit of the batch rows, which bounds the token requests a refused client may cost.</summary>
    public const int BatchThrottleLimit = 4;

    public static readonly FaultMatrixRow[] All =
    [
        new("Connect-QlikTenant", CallKind.Repeatable, $"Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey -TimeoutSec {FaultKinds.TimeoutSec} | Out-Null", "/api/v1/users/me", "GET", Connects: true),
        new("Get-QlikOAuthClient", CallKind.Repeatable, "Get-QlikOAuthClient", "/api/v1/oauth-clients", "GET"),
        new("Get-QlikOAuthClient -ClientId", CallKind.Repeatable, "Get-QlikOAuthClient -ClientId $Id", "/api/v1/oauth-clients/{id}", "GET"),
        new("Invoke-QlikRestMethod", CallKind.Repeatable, "Invoke-QlikRestMethod /api/v1/users/me", "/api/v1/users/me", "GET"),
        new("Set-QlikOAuthConsent", CallKind.Repeatable, "Set-QlikOAuthConsent -ClientId $Id -Method Required -Confirm:$false", "/api/v1/oauth-clients/{id}/connection-configs/me", "PATCH"),
        new("Remove-QlikOAuthClientSecret", CallKind.Repeatable, "Remove-QlikOAuthClientSecret -ClientId $Id -Hint $Hint -Force", "/api/v1/oauth-clients/{id}/client-secrets/", "DELETE"),
        new("Remove-QlikOAuthClient", CallKind.Repeatable, "Remove-QlikOAuthClient -ClientId $Id -Force", "/api/v1/oauth-clients/{id}", "DELETE"),
        new("New-QlikOAuthClient", CallKind.CreatesClient, $"New-QlikOAuthClient -Name '{CreatedName}'", "/api/v1/oauth-clients", "POST"),
        new("New-QlikOAuthClient (consent step)", CallKind.CreatesClient, $"New-QlikOAuthClient -Name '{CreatedName}' -Trusted", "/api/v1/oauth-clients/", null),
        new("New-QlikOAuthClientSecret", CallKind.CreatesSecret, "New-QlikOAuthClientSecret -ClientId $Id -Force", "/api/v1/oauth-clients/{id}/client-secrets", "POST"),
        new("Set-QlikOAuthClient", CallKind.OnceOnly, "Set-QlikOAuthClient -ClientId $Id -Description 'changed' -Confirm:$false", "/api/v1/oauth-clients/{id}", "PATCH"),
        new("Publish-QlikOAuthClient", CallKind.OnceOnly, "Publish-QlikOAuthClient -ClientId $Id -Confirm:$false", "/api/v1/oauth-clients/{id}/actions/publish", "POST"),
        new("Get-QlikAccessToken", CallKind.OnceOnly, "Get-QlikAccessToken -Credential $Client", "/oauth/token", "POST"),
        new("Get-QlikImpersonationToken", CallKind.OnceOnly, "Get-QlikImpersonationToken -Credential $Client -Subject 'auth0|alice'", "/oauth/token", "POST"),
        new("Get-QlikImpersonationToken (batch, refused client)", CallKind.StopsBatch, RefusedBatch, "/oauth/token", "POST"),
        new("Test-QlikOAuthClient", CallKind.OnceOnly, "Test-QlikOAuthClient -Credential $Client", "/oauth/token", "POST"),
        new("Get-QlikCspOrigin", CallKind.Repeatable, "Get-QlikCspOrigin", "/api/v1/csp-origins", "GET"),
        new("New-QlikCspOrigin", CallKind.OnceOnly, "New-QlikCspOrigin -Origin https://matrix.example.com -FrameAncestors -Confirm:$false", "/api/v1/csp-origins", "POST"),
        new("Set-QlikCspOrigin", CallKind.Repeatable, "$e = New-QlikCspOrigin -Origin https://set.example.com -FrameAncestors -Confirm:$false; Set-QlikCspOrigin -Id $e.Id -ConnectSrc -Confirm:$false", "/api/v1/csp-origins/", "PUT"),
        new("Remove-QlikCspOrigin", CallKind.Repeatable, "$e = New-QlikCspOrigin -Origin https://remove.example.com -FrameAncestors -Confirm:$false; Remove-QlikCspOrigin -Id $e.Id -Force", "/api/v1/csp-origins/", "DELETE"),
        new("Get-QlikOAuthToken", CallKind.Repeatable, "Get-QlikOAuthToken -All", "/api/v1/oauth-tokens", "GET"),
        new("Revoke-QlikOAuthToken", CallKind.Repeatable, "$null = Get-QlikImpersonationToken -Credential $Client -Subject 'auth0|alice'; Revoke-QlikOAuthToken -Subject 'auth0|alice' -Force", "/api/v1/oauth-tokens/", "DELETE"),
        new("Revoke-QlikAccessToken", CallKind.OnceOnly, "$t = Get-QlikAccessToken -Credential $Client -NoCache; $t | Revoke-QlikAccessToken -Confirm:$false", "/oauth/revoke", "POST"),
        new("Get-QlikOAuthClientSecret", CallKind.Repeatable, "Get-QlikOAuthClientSecret -ClientId $Id", "/api/v1/oauth-clients/{id}", "GET"),
        new("Update-QlikOAuthClientSecret", CallKind.RotatesSecret, RotateSecret, "/api/v1/oauth-clients/{id}/client-secrets", "POST"),
        new("Update-QlikOAuthClientSecret (proof)", CallKind.RotatesSecret, RotateSecret, "/oauth/token", "POST"),
        new("Update-QlikOAuthClientSecret (removal)", CallKind.RotatesSecret, RotateSecret, "/api/v1/oauth-clients/{id}/client-secrets/", "DELETE"),
        new("Update-QlikOAuthClientSecret (proof revoke)", CallKind.RotatesSecret, RotateSecret, "/oauth/revoke", "POST"),
        new("Add-QlikOAuthClientKey", CallKind.AddsKey, WithNewKey("added", "Add-QlikOAuthClientKey -ClientId $Id -Confirm:$false"), "/api/v1/oauth-clients/{id}", "PATCH"),
        new("Remove-QlikOAuthClientKey", CallKind.OnceOnly, $"{KeyClient} Remove-QlikOAuthClientKey -ClientId $c.ClientId -KeyId first -Force", "/api/v1/oauth-clients/", "PATCH"),
        new("Update-QlikOAuthClientKey", CallKind.OnceOnly, $"{KeyClient} {WithNewKey("next", "Update-QlikOAuthClientKey -ClientId $c.ClientId -OldKeyId first -Force")}", "/oauth/token", "POST"),
        new("Export-QlikOAuthClient", CallKind.Repeatable, "Export-QlikOAuthClient -ClientId $Id", "/api/v1/oauth-clients/{id}", "GET"),
        new("Import-QlikOAuthClient", CallKind.CreatesClient, $"Import-QlikOAuthClient -Definition '{{\"schemaVersion\":1,\"clientName\":\"{CreatedName}\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}}' -Confirm:$false", "/api/v1/oauth-clients", "POST"),
        new("Sync-QlikOAuthClient", CallKind.OnceOnly, "Sync-QlikOAuthClient -Definition '{\"schemaVersion\":1,\"clientName\":\"arranged client\",\"description\":\"synced\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\",\"urn:qlik:oauth:user-impersonation\"],\"allowedScopes\":[\"user_default\"],\"consentMethod\":\"trusted\"}' -Confirm:$false", "/api/v1/oauth-clients/{id}", "PATCH"),
        new("Get-QlikUser", CallKind.Repeatable, "Get-QlikUser -All", "/api/v1/users", "GET"),
        new("Get-QlikUser -Email", CallKind.Repeatable, "Get-QlikUser -Email 'alice@example.com'", "/api/v1/users", "GET"),
        new("New-QlikUser (lookup)", CallKind.Repeatable, "New-QlikUser -Subject 'matrix|new' -Email 'matrix.new@example.com' -Confirm:$false", "/api/v1/users", "GET"),
        new("New-QlikUser", CallKind.OnceOnly, "New-QlikUser -Subject 'matrix|new' -Email 'matrix.new@example.com' -Confirm:$false", "/api/v1/users", "POST"),
        new("Get-QlikImpersonationToken -CreateMissingUser", CallKind.OnceOnly, "Get-QlikImpersonationToken -Credential $Client -Email 'matrix.first@example.com' -CreateMissingUser", "/api/v1/users", "POST"),
        new("Set-QlikOAuthClient (secret, then consent)", CallKind.SecretThenStep, "Set-QlikOAuthClient -ClientId $Id -AuthenticationMethod ClientSecret, PrivateKeyJwt -ConsentMethod Trusted -PassThru -Confirm:$false", "/api/v1/oauth-clients/{id}/connection-configs/me", "PATCH", Setup: KeyOnlyRequired),
        new("Sync-QlikOAuthClient -Prune (OAuth-client session)", CallKind.PrunesOwnSession, "Sync-QlikOAuthClient -Definition $Kept -Prune -Force", "/api/v1/oauth-clients/{id}", "DELETE", Setup: OAuthClientSession),
    ];

    /// <summary>The name of the admin client <see cref="OAuthClientSession"/> signs in with.</summary>
    public const string SessionClientName = "matrix admin";

    /// <summary>Makes the arranged client key-only (its secrets go) with consent Required: enabling client_secret then makes a secret.</summary>
    private const string KeyOnlyRequired =
        "$p = [IO.Path]::Combine([IO.Path]::GetTempPath(), [Guid]::NewGuid().ToString()); " +
        "try { Set-QlikOAuthClient -ClientId $Id -PublicKey (New-QlikOAuthKey -Path $p -KeyId matrix) -AuthenticationMethod PrivateKeyJwt -Confirm:$false } finally { [IO.File]::Delete($p) }; " +
        "Set-QlikOAuthConsent -ClientId $Id -Method Required -Confirm:$false";

    /// <summary>
    /// Makes the default session one signed in with a new admin OAuth client, and $Kept the definition of a third
    /// client: a prune of $Kept has the arranged client to remove and the session's own client to leave alone.
    /// </summary>
    private static string OAuthClientSession =>
        $"$admin = New-QlikOAuthClient -Name '{SessionClientName}' -Scope user_default, admin_classic -Trusted; " +
        "$Kept = Export-QlikOAuthClient -ClientId (New-QlikOAuthClient -Name 'matrix kept').ClientId; " +
        $"Connect-QlikTenant -TenantUrl $TenantUrl -Credential $admin.Credential -TimeoutSec {FaultKinds.TimeoutSec} | Out-Null";
    /// <summary>Forty users through the arranged client with a wrong secret; .NET calls, as the hosted runspace has no ConvertTo-SecureString.</summary>
    private static string RefusedBatch =>
        "$refused = [pscredential]::new($Id, [Net.NetworkCredential]::new('', 'not the secret').SecurePassword); " +
        $"1..40 | ForEach-Object {{ \"matrix|user$_\" }} | Get-QlikImpersonationToken -Credential $refused -ThrottleLimit {BatchThrottleLimit}";

    /// <summary>Replaces the arranged client's second secret ($Hint).</summary>
    private const string RotateSecret = "Update-QlikOAuthClientSecret -ClientId $Id -Hint $Hint -Force";

    /// <summary>Makes $c, a trusted client with a secret and the keys 'first' and 'second'; sends no PATCH and no token request.</summary>
    private const string KeyClient =
        "$k = [IO.Path]::Combine([IO.Path]::GetTempPath(), [Guid]::NewGuid().ToString()); " +
        "try { $c = New-QlikOAuthClient -Name 'matrix key client' -Trusted -PublicKey (New-QlikOAuthKey -Path \"$k-1\" -KeyId first), (New-QlikOAuthKey -Path \"$k-2\" -KeyId second) } " +
        "finally { [IO.File]::Delete(\"$k-1\"); [IO.File]::Delete(\"$k-2\") };";

    /// <summary>Pipes a new key (kid <paramref name="keyId"/>, in a temporary file removed afterwards) into <paramref name="command"/>; .NET calls, as the hosted runspace has no Join-Path or Remove-Item.</summary>
    private static string WithNewKey(string keyId, string command) =>
        $"$p = [IO.Path]::Combine([IO.Path]::GetTempPath(), [Guid]::NewGuid().ToString()); try {{ New-QlikOAuthKey -Path $p -KeyId {keyId} | {command} }} finally {{ [IO.File]::Delete($p) }}";
}
