<#
.SYNOPSIS
    QlikOAuth against the floors a user would compare it with, and against Qlik's own TypeScript client, in one run.

.DESCRIPTION
    From a fresh clone, with the .NET SDK, pwsh and Node.js (npm) installed:

        pwsh ./tests/QlikOAuth.Comparison/Compare.ps1

    builds the module (build.ps1 -Task Build), the trivial module beside this script and the emulated tenant,
    installs @qlik/api 2.19 from npm (node/package-lock.json), and measures against the emulator on loopback:
      - an M2M token with -NoCache against a bare HttpClient POST of the same body, against a compiled cmdlet that only
        makes that POST (what any cmdlet adds around it), and against Invoke-RestMethod;
      - Get-QlikAccessToken answered from the cache against a compiled cmdlet that only writes 1;
      - Import-Module of the built module against the trivial binary module, each in a fresh pwsh;
      - the managed heap per cached token, and the heap of a run over more users than the default cap;
      - bulk impersonation tokens at the same concurrency, against @qlik/api (best of rounds);
      - 100 tokens under a 20-per-5-seconds limit, against @qlik/api, failures counted.
    Per-call figures are medians of single calls in interleaved rounds (see Measure-InProcess.ps1). Writes the
    Markdown table to -OutputPath (default out/comparison/results.md) and prints it; the README's Performance section
    shows a run of it.
#>
[CmdletBinding()]
param(
    [int] $Rounds = 250,
    [int] $CallsPerRound = 20,
    [int] $BulkRounds = 10,
    [double] $WarmupSeconds = 10,
    [int] $ImportRounds = 15,
    [int] $CachedTokens = 20000,
    [int] $BulkUsers = 400,
    [int] $ThrottleLimit = 4,
    [int] $RateLimitedUsers = 100,
    [string] $OutputPath = (Join-Path $PSScriptRoot '../../out/comparison/results.md')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$modulePath = Join-Path $root 'out/QlikOAuth/QlikOAuth.psd1'
$trivialDirectory = Join-Path $root 'out/comparison/TrivialModule'
$trivialPath = Join-Path $trivialDirectory 'TrivialModule.psd1'
$emulatorDll = Join-Path $root 'out/emulator/QlikCloud.Emulator.dll'
. (Join-Path $root 'tests/EmulatorProcess.ps1')
$nodeDirectory = Join-Path $PSScriptRoot 'node'
$workDirectory = Join-Path $root 'out/comparison'
$pwsh = (Get-Process -Id $PID).Path
$adminUserId = '650000000000000000000001'

function Invoke-Native([string] $FilePath, [string[]] $ArgumentList) {
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# The emulated tenant on a free loopback port, with the given users and rate limits.
function Start-Tenant([string] $UsersFile, [int] $Tier2Limit, [int] $WindowSeconds) {
    Start-EmulatorProcess $emulatorDll @('--users', $UsersFile, '--tier1-limit', '100000000', '--tier2-limit', "$Tier2Limit", '--rate-window-seconds', "$WindowSeconds")
}

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

# Milliseconds of Import-Module in a fresh pwsh: the process start is not counted, only the import.
function Measure-Import([string] $Path) {
    $script = "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Path'; `$w.Elapsed.TotalMilliseconds"
    [double](& $pwsh -NoProfile -NonInteractive -Command $script | Select-Object -Last 1)
}

# The module's pass over the rate-limited tenant, in a fresh pwsh with only the issuing client (-TenantUrl).
function Invoke-ModuleRateLimited($Tenant, $Client, [string] $UsersJson) {
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modulePath'
`$credential = [pscredential]::new('$($Client.ClientId)', (ConvertTo-SecureString '$($Client.Secret)' -AsPlainText -Force))
`$users = Get-Content '$UsersJson' -Raw | ConvertFrom-Json | ForEach-Object { [pscustomobject]@{ UserId = `$_ } }
`$watch = [Diagnostics.Stopwatch]::StartNew()
`$issued = @(`$users | Get-QlikImpersonationToken -TenantUrl '$($Tenant.Url)' -Credential `$credential -ThrottleLimit $ThrottleLimit -NoCache -ErrorAction SilentlyContinue -ErrorVariable failures).Count
@{ issued = `$issued; failed = `$failures.Count; seconds = `$watch.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
"@
    & $pwsh -NoProfile -NonInteractive -Command $script | Select-Object -Last 1 | ConvertFrom-Json
}

function Format-Ratio([double] $Value) { '{0:0.00}×' -f $Value }

# --- Build everything the run needs ---------------------------------------------------------------------------
$loadBefore = Get-LoadAverage
Invoke-Native $pwsh @('-NoProfile', '-File', (Join-Path $root 'build.ps1'), '-Task', 'Build')
Invoke-Native dotnet @('build', (Join-Path $PSScriptRoot 'TrivialModule/TrivialModule.csproj'), '-c', 'Release', '-nologo', '-v', 'quiet', '-o', $trivialDirectory)
Push-Location $nodeDirectory
try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel', 'error') } finally { Pop-Location }

New-Item -ItemType Directory -Force -Path $workDirectory | Out-Null
$userCount = [math]::Max([math]::Max($CachedTokens, $BulkUsers), $RateLimitedUsers)
$userIds = 1..$userCount | ForEach-Object { '7{0:x23}' -f $_ }
$tenantUsers = @(@{ id = $adminUserId; subject = 'auth0|admin'; email = 'admin@example.com'; name = 'Tenant Admin'; status = 'active'; roles = @('TenantAdmin') }) +
    @($userIds | ForEach-Object { @{ id = $_; subject = "bench|$_"; email = "$_@example.com"; name = $_; status = 'active'; roles = @() } })
$usersFile = Join-Path $workDirectory 'tenant-users.json'
ConvertTo-Json -InputObject $tenantUsers -Depth 3 -Compress | Set-Content $usersFile
$bulkIdsFile = Join-Path $workDirectory 'bulk-user-ids.json'
ConvertTo-Json -InputObject @($userIds | Select-Object -First $BulkUsers) -Compress | Set-Content $bulkIdsFile
$allIdsFile = Join-Path $workDirectory 'user-ids.json'
ConvertTo-Json -InputObject @($userIds) -Compress | Set-Content $allIdsFile
$limitedIdsFile = Join-Path $workDirectory 'rate-limited-user-ids.json'
ConvertTo-Json -InputObject @($userIds | Select-Object -First $RateLimitedUsers) -Compress | Set-Content $limitedIdsFile

# --- Per-call pairs, bulk and heap, against a tenant whose limits are out of the way -----------------------------
$tenant = Start-Tenant $usersFile 100000000 1
try {
    $measuredClient = New-TenantClient $tenant
    $measured = & $pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-InProcess.ps1') `
        -ModulePath $modulePath -TrivialModulePath $trivialPath -TenantUrl $tenant.Url -ApiKey $tenant.ApiKey `
        -UserIdsFile $allIdsFile -ClientId $measuredClient.ClientId -ClientSecret $measuredClient.Secret -Rounds $Rounds -CallsPerRound $CallsPerRound -BulkRounds $BulkRounds -WarmupSeconds $WarmupSeconds -CachedTokens $CachedTokens -ThrottleLimit $ThrottleLimit -BulkUsers $BulkUsers |
        Select-Object -Last 1 | ConvertFrom-Json
    $peer = New-TenantClient $tenant
    $nodeBulk = & node (Join-Path $nodeDirectory 'bench.mjs') bulk $tenant.Url $peer.ClientId $peer.Secret $bulkIdsFile $ThrottleLimit $BulkRounds |
        Select-Object -Last 1 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw "The @qlik/api bulk run failed (exit code $LASTEXITCODE)." }
}
finally {
    Stop-EmulatorProcess $tenant
}

$imports = @{ module = [System.Collections.Generic.List[double]]::new(); trivial = [System.Collections.Generic.List[double]]::new() }
$null = Measure-Import $modulePath; $null = Measure-Import $trivialPath   # warm the disk cache
for ($round = 0; $round -lt $ImportRounds; $round++) {
    if ($round % 2) { $imports.trivial.Add((Measure-Import $trivialPath)); $imports.module.Add((Measure-Import $modulePath)) }
    else { $imports.module.Add((Measure-Import $modulePath)); $imports.trivial.Add((Measure-Import $trivialPath)) }
}
$importModule = Get-Median $imports.module.ToArray()
$importTrivial = Get-Median $imports.trivial.ToArray()

# --- 100 tokens under 20 per 5 s: each contender with its own client (Qlik counts per caller) ---------------------
$tenant = Start-Tenant $usersFile 20 5
try {
    $moduleClient = New-TenantClient $tenant
    $peerClient = New-TenantClient $tenant
    $moduleLimited = Invoke-ModuleRateLimited $tenant $moduleClient $limitedIdsFile
    $nodeLimited = & node (Join-Path $nodeDirectory 'bench.mjs') ratelimited $tenant.Url $peerClient.ClientId $peerClient.Secret $limitedIdsFile $ThrottleLimit |
        Select-Object -Last 1 | ConvertFrom-Json
}
finally {
    Stop-EmulatorProcess $tenant
}
$loadAfter = Get-LoadAverage

# --- The table -----------------------------------------------------------------------------------------------------
$wireRatio = $measured.moduleNoCacheUs / $measured.httpClientUs
$engineRatio = $measured.engineUs / $measured.httpClientUs
$cmdletFloorRatio = $measured.compiledPostUs / $measured.httpClientUs
$overCmdletFloorRatio = $measured.moduleNoCacheUs / $measured.compiledPostUs
$restRatio = $measured.moduleNoCacheUs / $measured.invokeRestMethodUs
$cacheRatio = $measured.moduleCachedUs / $measured.trivialCmdletUs
$importRatio = $importModule / $importTrivial
$holds = { param($ok) if ($ok) { 'yes' } else { '**no**' } }
$rows = @(
    "| M2M token ``-NoCache`` vs a bare ``HttpClient`` POST of the same body | $('{0:0} µs' -f $measured.moduleNoCacheUs) | $('{0:0} µs' -f $measured.httpClientUs) | $(Format-Ratio $wireRatio) | ≤ 1.15× | $(& $holds ($wireRatio -le 1.15)) |"
    "| the module's engine alone, called from the script (no cmdlet), vs the bare POST | $('{0:0} µs' -f $measured.engineUs) | $('{0:0} µs' -f $measured.httpClientUs) | $(Format-Ratio $engineRatio) | | |"
    "| the same POST made by a compiled cmdlet (``Invoke-TrivialPost``) vs the bare POST: what any cmdlet adds | $('{0:0} µs' -f $measured.compiledPostUs) | $('{0:0} µs' -f $measured.httpClientUs) | $(Format-Ratio $cmdletFloorRatio) | | |"
    "| M2M token ``-NoCache`` vs that compiled cmdlet's POST | $('{0:0} µs' -f $measured.moduleNoCacheUs) | $('{0:0} µs' -f $measured.compiledPostUs) | $(Format-Ratio $overCmdletFloorRatio) | | |"
    "| same vs ``Invoke-RestMethod`` | $('{0:0} µs' -f $measured.moduleNoCacheUs) | $('{0:0} µs' -f $measured.invokeRestMethodUs) | $(Format-Ratio $restRatio) | < 1× | $(& $holds ($restRatio -lt 1)) |"
    "| ``Get-QlikAccessToken`` from the cache vs a compiled ``WriteObject(1)`` cmdlet | $('{0:0.0} µs' -f $measured.moduleCachedUs) | $('{0:0.0} µs' -f $measured.trivialCmdletUs) | $(Format-Ratio $cacheRatio) | ≤ 1.5× | $(& $holds ($cacheRatio -le 1.5)) |"
    "| ``Import-Module`` vs the trivial binary module, fresh pwsh each | $('{0:0.0} ms' -f $importModule) | $('{0:0.0} ms' -f $importTrivial) | $(Format-Ratio $importRatio) | ≤ 2× | $(& $holds ($importRatio -le 2)) |"
    "| managed heap per cached token ($($measured.cachedTokens) tokens, cap above that) | $('{0:0} B' -f $measured.heapBytesPerToken) | | | ≤ 300 B | $(& $holds ($measured.heapBytesPerToken -le 300)) |"
    "| heap kept after $($measured.cachedTokens) tokens with the default cap (10,000) | $('{0:0.0} MB' -f ($measured.cappedHeapGrowthBytes / 1MB)) | | | bounded by the cap | $(& $holds ($measured.cappedHeapGrowthBytes -le 10000 * 300 * 1.1)) |"
    "| bulk impersonation tokens, $($measured.bulkUsers) users, ThrottleLimit $ThrottleLimit, best of rounds, vs @qlik/api 2.19 | $('{0:0}/s' -f $measured.bulkTokensPerSecond) | $('{0:0}/s' -f $nodeBulk.tokensPerSecond) | $(Format-Ratio ($measured.bulkTokensPerSecond / $nodeBulk.tokensPerSecond)) | | |"
    "| $RateLimitedUsers tokens under 20 per 5 s, vs @qlik/api 2.19 | $($moduleLimited.issued) issued, $($moduleLimited.failed) failed, $('{0:0.0} s' -f $moduleLimited.seconds) | $($nodeLimited.issued) issued, $($nodeLimited.failed) failed, $('{0:0.0} s' -f $nodeLimited.seconds) | | all issued | $(& $holds ($moduleLimited.issued -eq $RateLimitedUsers)) |"
)
$table = @(
    '| what | QlikOAuth | floor / peer | ratio | goal | holds |'
    '|---|---|---|---|---|---|'
    $rows
    ''
    "Measured $(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC on $([Environment]::ProcessorCount) cores, load average $loadBefore before and $loadAfter after;"
    "pwsh $($PSVersionTable.PSVersion), .NET $([Environment]::Version), Node $(& node --version). Per-call figures: medians of $($Rounds * $CallsPerRound) calls, each timed"
    "alone, in $Rounds interleaved rounds of $CallsPerRound calls a variant, after $WarmupSeconds s of interleaved warm-up; bulk: best of $BulkRounds rounds; Import-Module: median of $ImportRounds alternating fresh processes."
    "Reproduce with ``pwsh ./tests/QlikOAuth.Comparison/Compare.ps1``."
) -join [Environment]::NewLine
Set-Content -Path $OutputPath -Value $table
$table
