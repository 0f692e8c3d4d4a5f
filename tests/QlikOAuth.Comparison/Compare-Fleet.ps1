<#
.SYNOPSIS
    One Sync-QlikOAuthClient across a fleet of tenants against a foreach loop of one-tenant syncs, in one run (issue 23).

.DESCRIPTION
    From a fresh clone, with the .NET SDK and pwsh installed:

        pwsh ./tests/QlikOAuth.Comparison/Compare-Fleet.ps1

    builds the module and the emulator (build.ps1 -Task Build), starts one emulator process serving -Tenants tenants
    (--tenants), writes -Definitions client definitions, and measures, each in a fresh pwsh of its own:
      - fleet: Sync-QlikOAuthClient -Session $sessions -ThrottleLimit N, one call for every tenant;
      - loop:  foreach ($session in $sessions) { Sync-QlikOAuthClient -Session $session }, the way before;
    at each -LatencyMs: 0 (loopback) and 50 ms before each answer (the round trip to a real tenant).
    Each mode starts from empty tenants (the emulator's reset) and reports its time, the peak working set of its pwsh,
    the requests each tenant received (from the emulator's request log) and, read back over REST, the clients lost
    (a definition without its client) and duplicated (a name twice). A last fleet run with two tenants made to fail
    (one answers 503 to every create, one drops every connection) counts the tenants that converged and the errors
    that name the failing ones. Not a timed test: run it on a quiet machine and compare figures of one run. Writes the
    Markdown table to -OutputPath (default out/comparison/fleet.md) and prints it.
#>
[CmdletBinding()]
param(
    [int] $Tenants = 100,
    [int] $Definitions = 10,
    [int] $ThrottleLimit = 16,
    # Each request of the emulated tenants waits this long first: 0 is loopback, where both modes share the machine's
    # cores with the tenants; a few tens of ms stand for the round trip to a real tenant, where a loop mostly waits.
    [int[]] $LatencyMs = @(0, 50),
    [switch] $SkipBuild,
    [string] $OutputPath = (Join-Path $PSScriptRoot '../../out/comparison/fleet.md')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$modulePath = Join-Path $root 'out/QlikOAuth/QlikOAuth.psd1'
$emulatorDll = Join-Path $root 'out/emulator/QlikCloud.Emulator.dll'
$workDirectory = Join-Path $root 'out/comparison/fleet'
$pwsh = (Get-Process -Id $PID).Path
. (Join-Path $root 'tests/EmulatorProcess.ps1')
. (Join-Path $PSScriptRoot 'Measures.ps1')

# Empty tenants again, each request of them delayed by $LatencyMs (the emulator's fault with a delay and no answer of its own).
function Reset-Fleet($Fleet, [int] $LatencyMs = 0) {
    foreach ($url in $Fleet.Urls) {
        Invoke-RestMethod -Method Post -Uri "$url/_emulator/reset" | Out-Null
        if ($LatencyMs -gt 0) {
            $delay = [TimeSpan]::FromMilliseconds($LatencyMs).ToString('c')
            Invoke-RestMethod -Method Post -Uri "$url/_emulator/faults" -ContentType application/json -Body ('{"pathPrefix":"/","delay":"' + $delay + '","count":100000000}') | Out-Null
        }
    }
}

# Every tenant's clients and requests, read back over REST with the admin key (not through the module).
function Measure-Tenants($Fleet, [string[]] $Names) {
    $headers = @{ Authorization = "Bearer $($Fleet.ApiKey)" }
    foreach ($url in $Fleet.Urls) {
        # The log first: the read of the clients below is this script's own request, not the sync's.
        # Invoke-RestMethod writes the JSON array as one object: ForEach-Object writes its items.
        $requests = @(Invoke-RestMethod -Uri "$url/_emulator/requests" | ForEach-Object { $_ }).Count
        $clients = @((Invoke-RestMethod -Uri "$url/api/v1/oauth-clients?limit=100" -Headers $headers).data.clientName)
        [pscustomobject]@{
            Url          = $url
            Requests     = $requests
            Lost         = @($Names | Where-Object { $_ -notin $clients }).Count
            Duplicated   = @($clients | Group-Object | Where-Object Count -gt 1).Count
            Converged    = -not @($Names | Where-Object { $_ -notin $clients }) -and -not @($clients | Group-Object | Where-Object Count -gt 1)
        }
    }
}

# One mode in a fresh pwsh: connect every tenant (not timed), then the sync (timed); prints one JSON line.
# $AfterConnect: PowerShell the child runs after connecting and before the timed sync (a tenant made to fail then).
function Invoke-Mode([string] $Mode, $Fleet, [string] $AfterConnect = '') {
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modulePath'
`$urls = Get-Content -Raw '$workDirectory/urls.json' | ConvertFrom-Json
`$key = ConvertTo-SecureString '$($Fleet.ApiKey)' -AsPlainText -Force
# A tenant that did not answer the connect (a busy machine) is tried once more, and counted: the sync needs them all.
`$sessions = @(Connect-QlikTenant -TenantUrl `$urls -ApiKey `$key -ErrorAction SilentlyContinue)
`$connectRetries = `$urls.Count - `$sessions.Count
if (`$connectRetries -gt 0) {
    `$missing = `$urls | Where-Object { `$_ -notin `$sessions.TenantUrl.GetLeftPart('Authority') }
    `$sessions = @(`$sessions) + @(Connect-QlikTenant -TenantUrl `$missing -ApiKey `$key)
}
$AfterConnect
foreach (`$url in `$urls) { Invoke-RestMethod -Method Delete -Uri "`$url/_emulator/requests" | Out-Null }
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$results = if ('$Mode' -eq 'loop') {
    foreach (`$session in `$sessions) { Sync-QlikOAuthClient -Session `$session -Path '$workDirectory/clients/*.json' -ErrorVariable +failures -ErrorAction SilentlyContinue }
} else {
    Sync-QlikOAuthClient -Session `$sessions -Path '$workDirectory/clients/*.json' -ThrottleLimit $ThrottleLimit -ErrorVariable failures -ErrorAction SilentlyContinue
}
`$watch.Stop()
[pscustomobject]@{
    Seconds = `$watch.Elapsed.TotalSeconds
    Results = @(`$results).Count
    Errors = @(`$failures | ForEach-Object { `$_.Exception.Message })
    PeakWorkingSetMB = [Math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB, 1)
    ConnectRetries = `$connectRetries
} | ConvertTo-Json -Compress
"@
    $line = & $pwsh -NoProfile -NonInteractive -Command $script | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0) { throw "The $Mode run failed: $line" }
    $line | ConvertFrom-Json
}

if (-not $SkipBuild) {
    & $pwsh -NoProfile -File (Join-Path $root 'build.ps1') -Task Build -Configuration Release | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'The build failed.' }
}

New-Item -ItemType Directory -Force -Path (Join-Path $workDirectory 'clients') | Out-Null
Get-ChildItem (Join-Path $workDirectory 'clients') -Filter *.json | Remove-Item
$names = 1..$Definitions | ForEach-Object { 'fleet client {0:D2}' -f $_ }
foreach ($name in $names) {
    $file = Join-Path $workDirectory "clients/$($name -replace ' ', '-').json"
    Set-Content -Path $file -Value ('{"schemaVersion":1,"clientName":"' + $name + '","allowedAuthMethods":["client_secret"],"allowedGrantTypes":["client_credentials"],"allowedScopes":["user_default"],"consentMethod":"trusted"}')
}

$fleet = Start-EmulatorProcess $emulatorDll @('--test-controls') -Tenants $Tenants
try {
    $fleet.Urls | ConvertTo-Json | Set-Content (Join-Path $workDirectory 'urls.json')
    $load = Get-LoadAverage
    $rows = foreach ($latency in $LatencyMs) {
        foreach ($mode in 'loop', 'fleet') {
            Reset-Fleet $fleet $latency
            $run = Invoke-Mode $mode $fleet
            $tenantsAfter = @(Measure-Tenants $fleet $names)
            [pscustomobject]@{
                Mode              = $mode
                LatencyMs         = $latency
                Seconds           = [Math]::Round($run.Seconds, 2)
                PeakWorkingSetMB  = $run.PeakWorkingSetMB
                RequestsPerTenant = ($tenantsAfter.Requests | Measure-Object -Average -Minimum -Maximum)
                Lost              = ($tenantsAfter.Lost | Measure-Object -Sum).Sum
                Duplicated        = ($tenantsAfter.Duplicated | Measure-Object -Sum).Sum
                Converged         = @($tenantsAfter | Where-Object Converged).Count
                Errors            = @($run.Errors).Count
                ConnectRetries    = $run.ConnectRetries
            }
            Write-Host "$mode at $latency ms: $($run.Seconds) s, $(@($run.Errors).Count) errors"
        }
    }

    # Two tenants made to fail once connected (503 on every create; every connection dropped): the others converge,
    # and each error names its tenant.
    Reset-Fleet $fleet
    $failing = $fleet.Urls[7], $fleet.Urls[42 % $Tenants]
    $inject = "Invoke-RestMethod -Method Post -Uri '$($failing[0])/_emulator/faults' -ContentType application/json -Body '{`"pathPrefix`":`"/api/v1/oauth-clients`",`"method`":`"POST`",`"status`":503,`"count`":100000}' | Out-Null`n" +
        "Invoke-RestMethod -Method Post -Uri '$($failing[1])/_emulator/faults' -ContentType application/json -Body '{`"pathPrefix`":`"/api/v1/`",`"dropConnection`":true,`"count`":100000}' | Out-Null"
    $failed = Invoke-Mode 'fleet' $fleet $inject
    $afterFailure = @($fleet.Urls | Where-Object { $_ -notin $failing } | ForEach-Object { $url = $_; Measure-Tenants ([pscustomobject]@{ Urls = @($url); ApiKey = $fleet.ApiKey }) $names })
    $named = @($failing | Where-Object { $url = $_; @($failed.Errors | Where-Object { $_ -like "*$url*" }).Count -eq 1 }).Count
}
finally {
    Stop-EmulatorProcess $fleet
}

function Format-Requests($Row) { "$($Row.RequestsPerTenant.Minimum) / $($Row.RequestsPerTenant.Average) / $($Row.RequestsPerTenant.Maximum)" }

$table = @(
    "Fleet sync, $Tenants tenants x $Definitions definitions, -ThrottleLimit $ThrottleLimit ($(Get-Date -Format u), load average before: $load, $([Environment]::ProcessorCount) cores)"
    ''
    '| latency per request | foreach loop of one-tenant syncs | one Sync-QlikOAuthClient -Session $sessions | faster | peak working set (loop / fleet) | requests per tenant, min / avg / max (loop / fleet) | converged, lost, duplicated (loop / fleet) | errors (loop / fleet) |'
    '|---|---|---|---|---|---|---|---|'
    foreach ($latency in $LatencyMs) {
        $loop = $rows | Where-Object { $_.Mode -eq 'loop' -and $_.LatencyMs -eq $latency }
        $one = $rows | Where-Object { $_.Mode -eq 'fleet' -and $_.LatencyMs -eq $latency }
        "| $latency ms | $($loop.Seconds) s | $($one.Seconds) s | $([Math]::Round($loop.Seconds / $one.Seconds, 1))x | $($loop.PeakWorkingSetMB) / $($one.PeakWorkingSetMB) MB | $(Format-Requests $loop) / $(Format-Requests $one) | $($loop.Converged), $($loop.Lost), $($loop.Duplicated) / $($one.Converged), $($one.Lost), $($one.Duplicated) | $($loop.Errors) / $($one.Errors) |"
    }
    ''
    "With 2 tenants made to fail once connected (503 on every create; every connection dropped): $(@($afterFailure | Where-Object Converged).Count) of $($Tenants - 2) others converged, $(@($failed.Errors).Count) errors, $named of 2 failing tenants named by exactly one error, $(($afterFailure.Duplicated | Measure-Object -Sum).Sum) clients duplicated. Tenants connected on a second try: $(($rows.ConnectRetries | Measure-Object -Sum).Sum)."
)
New-Item -ItemType Directory -Force -Path (Split-Path $OutputPath) | Out-Null
$table | Set-Content -Path $OutputPath
$table
