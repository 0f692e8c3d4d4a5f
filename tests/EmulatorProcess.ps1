# The standalone emulated tenant as a child process, for build.ps1 (Pester, Demo) and the comparison benchmark.

# Starts the emulator on a free loopback port with a throwaway admin API key and the further options given.
# Returns the process, the URL it listens on and the key.
function Start-EmulatorProcess([string] $EmulatorDll, [string[]] $Options = @()) {
    $apiKey = [guid]::NewGuid().ToString('N')
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($EmulatorDll, '--urls', 'http://127.0.0.1:0', '--admin-api-key', $apiKey) + $Options) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch 'listening on (?<url>http://\S+)') {
        $process.Kill()
        throw "The emulator did not start: '$line'."
    }
    [pscustomobject]@{ Process = $process; Url = $Matches.url; ApiKey = $apiKey }
}

function Stop-EmulatorProcess($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(5000) | Out-Null
    }
}

# A trusted web client with a secret that may issue M2M and impersonation tokens (user_default), made with the
# admin key over REST: the comparison's clients. Returns its id and secret.
function New-TenantClient($Tenant) {
    $headers = @{ Authorization = "Bearer $($Tenant.ApiKey)" }
    $body = @{
        appType = 'web'; clientName = "peer $([guid]::NewGuid().ToString('N').Substring(0, 8))"
        allowedGrantTypes = @('client_credentials', 'urn:qlik:oauth:user-impersonation'); allowedScopes = @('user_default')
        allowedAuthMethods = @('client_secret'); connectionConfig = @{ consentMethod = 'trusted' }
    } | ConvertTo-Json
    $created = Invoke-RestMethod -Method Post -Uri "$($Tenant.Url)/api/v1/oauth-clients" -Headers $headers -Body $body -ContentType 'application/json'
    [pscustomobject]@{ ClientId = $created.clientId; Secret = $created.clientSecret }
}
