# Dot-sourced by every Pester file (in BeforeAll): the module under test and the emulated tenant that
# build.ps1 started for this run, named by environment variables.
if (-not $env:QLIKOAUTH_MODULE -or -not $env:QLIKOAUTH_TENANT_URL) {
    throw 'Run the Pester suite through "pwsh ./build.ps1 -Task Pester": it builds the module and starts the emulated tenant.'
}

Import-Module $env:QLIKOAUTH_MODULE -Force
$script:TenantUrl = $env:QLIKOAUTH_TENANT_URL
$script:ApiKeyText = $env:QLIKOAUTH_EMULATOR_API_KEY
$script:ApiKey = ConvertTo-SecureString $script:ApiKeyText -AsPlainText -Force

# Back to the seeded tenant: no clients, fresh rate counters, an empty request log.
function Reset-TestTenant {
    Invoke-RestMethod -Method Post -Uri "$script:TenantUrl/_emulator/reset" | Out-Null
}

# A fleet of emulated tenants of one region in a process of its own (--tenants), with the same admin API key as the
# test tenant, so $ApiKey connects to each. Urls lists them in port order; stop it with Stop-TestFleet.
function Start-TestFleet([int] $Tenants) {
    . (Join-Path $PSScriptRoot '../EmulatorProcess.ps1')
    Start-EmulatorProcess $env:QLIKOAUTH_EMULATOR_DLL @('--test-controls', '--admin-api-key', $script:ApiKeyText) -Tenants $Tenants
}

function Stop-TestFleet($Fleet) {
    . (Join-Path $PSScriptRoot '../EmulatorProcess.ps1')
    Stop-EmulatorProcess $Fleet
}

function Connect-TestTenant {
    Reset-TestTenant
    Connect-QlikTenant -TenantUrl $script:TenantUrl -ApiKey $script:ApiKey
}

function ConvertTo-PlainText([securestring] $Secure) {
    [System.Net.NetworkCredential]::new('', $Secure).Password
}

# Everything PowerShell would show of the objects: default view, every property, and JSON.
function Get-RenderedText([object[]] $InputObject) {
    @(
        $InputObject | Out-String -Width 500
        $InputObject | Format-List * | Out-String -Width 500
        $InputObject | Format-Table * | Out-String -Width 500
        $InputObject | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
        $InputObject | ForEach-Object { $_.ToString() }
    ) -join "`n"
}

# A scratch directory for files a test writes (keys, CSV files); remove it in AfterAll.
function New-TestDirectory([string] $Name) {
    New-Item -ItemType Directory -Force -Path (Join-Path ([IO.Path]::GetTempPath()) "qlikoauth-$Name-$PID")
}

# The base64 lines of a PEM private key file: none of them may ever show in output.
function Get-PrivateKeyLines([string] $Path) {
    @(Get-Content $Path | Where-Object { $_ -and $_ -notmatch '^-----' })
}

# Every request the emulated tenant served since the last reset, as the tenant logged it.
function Get-TenantRequests {
    @(Invoke-RestMethod -Uri "$script:TenantUrl/_emulator/requests")
}

# A table as a user sees it at a console of $Width columns: no line is wider, and no column was squeezed into the
# room left over: its header would wrap onto more lines (PowerShell 7) or shrink to a character or two (each header
# underline segment is at least 3 wide).
function Assert-FitsWithoutSqueezedColumns([string] $View, [int] $Width) {
    $lines = @($View -split "`r?`n" | Where-Object { $_.Trim() })
    foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $Width }
    $underlineAt = [array]::FindIndex($lines, [Predicate[string]] { param($line) $line -match '^-' })
    $underlineAt | Should -Be 1 -Because 'the header is one line, not wrapped'
    $underline = $lines[$underlineAt]
    foreach ($segment in $underline.Trim() -split '\s+') { $segment.Length | Should -BeGreaterThan 2 }
}
