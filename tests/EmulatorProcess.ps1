# The standalone emulated tenant as a child process, for build.ps1 (Pester, Demo) and the comparison benchmark.

# Starts the emulator on a free loopback port with a throwaway admin API key and the further options given.
# Returns the process, the URL it listens on and the key. With -Tenants N it starts a fleet of N tenants (--tenants)
# on consecutive ports: Urls holds every tenant's URL in port order, and Url the first.
function Start-EmulatorProcess([string] $EmulatorDll, [string[]] $Options = @(), [int] $Tenants = 0) {
    $apiKey = [guid]::NewGuid().ToString('N')
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $fleet = if ($Tenants -gt 0) { @('--tenants', "$Tenants") } else { @() }
    foreach ($argument in @($EmulatorDll, '--urls', 'http://127.0.0.1:0', '--admin-api-key', $apiKey) + $fleet + $Options) {
        $info.ArgumentList.Add($argument)
    }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    # One line per tenant; the single-tenant form is the same line without "tenant i of n". A start that prints
    # nothing for a minute is a failure too, not a hang.
    $urls = foreach ($i in 1..([Math]::Max($Tenants, 1))) {
        $read = $process.StandardOutput.ReadLineAsync()
        $line = if ($read.Wait([TimeSpan]::FromSeconds(60))) { $read.Result } else { '(nothing within 60 s)' }
        if ($line -notmatch 'listening on (?<url>http://\S+)') {
            $process.Kill()
            throw "The emulator did not start: '$line'."
        }
        $Matches.url
    }
    [pscustomobject]@{ Process = $process; Url = @($urls)[0]; Urls = [string[]] @($urls); ApiKey = $apiKey }
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
