using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Contract;

/// <param name="Command">A change that goes through when confirmed; sees what <see cref="ShouldProcessPreferenceTests.Arrange"/> made.</param>
public sealed record ChangingCommand(string Cmdlet, string Command)
{
    public override string ToString() => Cmdlet;
}

/// <summary>
/// -Debug changes what reaches the debug stream and nothing else: every cmdlet that supports ShouldProcess honours
/// $WhatIfPreference and $ConfirmPreference with -Debug exactly as without it. Each command is shown to make its change
/// when confirmed (-Confirm:$false), so "nothing was sent" is never the result of a command that could not run.
/// </summary>
public sealed class ShouldProcessPreferenceTests : TenantTestBase
{
    /// <summary>
    /// A trusted client with both grants, a second secret and the keys 'first' and 'second' ($c, $second), a third
    /// key not on the client ($next), a token of the client's ($token), a user's token, and a CSP entry ($csp).
    /// </summary>
    public const string Arrange =
        "$dir = [IO.Path]::Combine([IO.Path]::GetTempPath(), [Guid]::NewGuid().ToString()); $null = [IO.Directory]::CreateDirectory($dir); " +
        "$first = New-QlikOAuthKey -Path \"$dir/first.pem\" -KeyId first; " +
        "$next = New-QlikOAuthKey -Path \"$dir/next.pem\" -KeyId next; " +
        "$c = New-QlikOAuthClient -Name 'arranged client' -GrantType client_credentials -Impersonation -AuthenticationMethod ClientSecret, PrivateKeyJwt -PublicKey $first, (New-QlikOAuthKey -Path \"$dir/second.pem\" -KeyId second) -Trusted; " +
        "$second = New-QlikOAuthClientSecret -ClientId $c.ClientId -Force; " +
        "$token = Get-QlikAccessToken -Credential $c.Credential -NoCache; " +
        "$null = Get-QlikImpersonationToken -Credential $c.Credential -Subject 'auth0|alice' -NoCache; " +
        "$csp = New-QlikCspOrigin -Origin https://arranged.example.com -FrameAncestors -Confirm:$false";

    /// <summary>The file New-QlikOAuthKey writes: its change, where the others' are requests.</summary>
    private const string WrittenKey = "\"$dir/written.pem\"";

    private const string SyncedDefinition =
        "'{\"schemaVersion\":1,\"clientName\":\"arranged client\",\"description\":\"synced\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\",\"urn:qlik:oauth:user-impersonation\"],\"allowedScopes\":[\"user_default\"],\"consentMethod\":\"trusted\"}'";

    public static readonly ChangingCommand[] Commands =
    [
        new("Add-QlikOAuthClientKey", "$next | Add-QlikOAuthClientKey -ClientId $c.ClientId"),
        new("Import-QlikOAuthClient", "Import-QlikOAuthClient -Definition '{\"schemaVersion\":1,\"clientName\":\"imported\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}'"),
        new("Invoke-QlikRestMethod", "Invoke-QlikRestMethod -Path \"/api/v1/csp-origins/$($csp.Id)\" -Method DELETE"),
        new("New-QlikCspOrigin", "New-QlikCspOrigin -Origin https://new.example.com -FrameAncestors"),
        new("New-QlikOAuthClient", "New-QlikOAuthClient -Name 'new client'"),
        new("New-QlikOAuthClientSecret", "New-QlikOAuthClientSecret -ClientId $c.ClientId"),
        new("New-QlikOAuthKey", $"New-QlikOAuthKey -Path {WrittenKey}"),
        new("New-QlikUser", "New-QlikUser -Subject 'idp|preference' -Email 'preference@example.com'"),
        new("Publish-QlikOAuthClient", "Publish-QlikOAuthClient -ClientId $c.ClientId"),
        new("Remove-QlikCspOrigin", "Remove-QlikCspOrigin -Id $csp.Id"),
        new("Remove-QlikOAuthClient", "Remove-QlikOAuthClient -ClientId $c.ClientId"),
        new("Remove-QlikOAuthClientKey", "Remove-QlikOAuthClientKey -ClientId $c.ClientId -KeyId second"),
        new("Remove-QlikOAuthClientSecret", "Remove-QlikOAuthClientSecret -ClientId $c.ClientId -Hint $second.Hint"),
        new("Revoke-QlikAccessToken", "$token | Revoke-QlikAccessToken"),
        new("Revoke-QlikOAuthToken", "Revoke-QlikOAuthToken -Subject 'auth0|alice'"),
        new("Set-QlikCspOrigin", "Set-QlikCspOrigin -Id $csp.Id -ConnectSrc"),
        new("Set-QlikOAuthClient", "Set-QlikOAuthClient -ClientId $c.ClientId -Description changed"),
        new("Set-QlikOAuthConsent", "Set-QlikOAuthConsent -ClientId $c.ClientId -Method Required"),
        new("Sync-QlikOAuthClient", "Sync-QlikOAuthClient -Definition " + SyncedDefinition),
        new("Update-QlikOAuthClientKey", "$next | Update-QlikOAuthClientKey -ClientId $c.ClientId -OldKeyId second"),
        new("Update-QlikOAuthClientSecret", "Update-QlikOAuthClientSecret -ClientId $c.ClientId -Hint $second.Hint"),
    ];

    public static TheoryData<ChangingCommand> Rows()
    {
        var rows = new TheoryData<ChangingCommand>();
        foreach (ChangingCommand command in Commands)
        {
            rows.Add(command);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void DebugLeavesWhatIfAndConfirmPreferencesAsTheyAre(ChangingCommand row)
    {
        RunConnected(Arrange).AssertNoErrors();

        foreach (string preference in new[] { "$WhatIfPreference = $true", "$ConfirmPreference = 'Low'" })
        {
            foreach (string debug in new[] { string.Empty, " -Debug" })
            {
                IReadOnlyList<string> changes = ChangesMadeBy($"{preference}; {row.Command}{debug}", out _);
                Assert.True(changes.Count == 0, $"{row.Cmdlet}{debug} under {preference} changed the tenant: {string.Join(", ", changes)}");
            }
        }

        IReadOnlyList<string> confirmed = ChangesMadeBy($"{row.Command} -Debug -Confirm:$false", out RunResult result);
        result.AssertNoErrors();
        Assert.True(confirmed.Count > 0, $"{row.Cmdlet} -Confirm:$false changed nothing, so the rows above prove nothing");
        Shell.Run("[IO.Directory]::Delete($dir, $true)").AssertNoErrors();
    }

    [Fact]
    public void EveryCmdletThatSupportsShouldProcessHasARow()
    {
        RunResult result = Shell.Run("Get-Command -Module QlikOAuth | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name");

        result.AssertNoErrors();
        Assert.Equal(
            result.Output.Select(item => item.ToString()).Order(StringComparer.Ordinal),
            Commands.Select(row => row.Cmdlet).Order(StringComparer.Ordinal));
    }

    /// <summary>Runs the script in a scope of its own (the preference ends with it) and lists what it changed: the writes the tenant received, and the key file.</summary>
    private IReadOnlyList<string> ChangesMadeBy(string script, out RunResult result)
    {
        int before = Emulator.Requests.Count;
        result = Shell.Run($"& {{ {script} }}");
        List<string> changes = Emulator.Requests.Skip(before)
            .Where(request => request.Method != "GET")
            .Select(request => $"{request.Method} {request.Path}")
            .ToList();
        if (Shell.Run($"[IO.File]::Exists({WrittenKey})").Output.Single().BaseObject is true)
        {
            changes.Add("wrote the key file");
        }

        return changes;
    }
}
