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
    # One line per tenant; the single-tenant form is the same line without "tenant i of n".
    $urls = foreach ($i in 1..([Math]::Max($Tenants, 1))) {
        $line = $process.StandardOutput.ReadLine()
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
