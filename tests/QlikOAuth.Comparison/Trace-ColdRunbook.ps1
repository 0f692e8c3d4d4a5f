<#
.SYNOPSIS
    Where a cold runbook's time goes: each statement of Runbook.QlikOAuth.ps1 and of Runbook.RestMethod.ps1, run in a
    fresh pwsh against the emulated tenant, with its milliseconds, the methods the JIT compiled for it and their
    compile time, and the assemblies it loaded.

.DESCRIPTION
    After `pwsh ./build.ps1 -Task Build` (or a run of Compare.ps1):

        pwsh ./tests/QlikOAuth.Comparison/Trace-ColdRunbook.ps1

    prints one table per runbook; the first row is the process start up to the runbook's first statement. The
    statements are read from the runbook files themselves, so the trace runs exactly what Compare.ps1 times.
    JIT figures come from System.Runtime.JitInfo (this process only), assemblies from the AppDomain (every load
    context). -ModulePath traces another build, e.g. one compiled ReadyToRun. -Runbook is the child's mode: it runs
    one runbook's statements in this process.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/QlikOAuth/QlikOAuth.psd1'),
    [string] $Runbook
)

$ErrorActionPreference = 'Stop'

if ($Runbook) {
    $known = @{}
    foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) { $known[$assembly.FullName] = $true }
    $rows = [System.Collections.Generic.List[object]]::new()
    $rows.Add([pscustomobject]@{
            Step = 'pwsh start, to the first statement'
            Ms = [math]::Round(([datetime]::Now - [Diagnostics.Process]::GetCurrentProcess().StartTime).TotalMilliseconds, 1)
            JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount()
            JitMs = [math]::Round([System.Runtime.JitInfo]::GetCompilationTime().TotalMilliseconds, 1)
            Assemblies = "$($known.Count) loaded"
        })
    foreach ($statement in [System.Management.Automation.Language.Parser]::ParseFile($Runbook, [ref] $null, [ref] $null).EndBlock.Statements) {
        $step = [scriptblock]::Create($statement.Extent.Text)
        $methods = [System.Runtime.JitInfo]::GetCompiledMethodCount()
        $jit = [System.Runtime.JitInfo]::GetCompilationTime()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = . $step   # dot-sourced: the runbook's variables live on in this scope, as in the runbook
        $elapsed = $watch.Elapsed.TotalMilliseconds
        $loaded = foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
            if (-not $known.ContainsKey($assembly.FullName)) { $known[$assembly.FullName] = $true; $assembly.GetName().Name }
        }
        $rows.Add([pscustomobject]@{
                Step = ($statement.Extent.Text -replace '\s+', ' ').Substring(0, [math]::Min(60, $statement.Extent.Text.Length))
                Ms = [math]::Round($elapsed, 1)
                JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount() - $methods
                JitMs = [math]::Round(([System.Runtime.JitInfo]::GetCompilationTime() - $jit).TotalMilliseconds, 1)
                Assemblies = ($loaded | Sort-Object) -join ', '
            })
    }
    $rows | Format-Table -AutoSize -Wrap | Out-String -Width 240
    return
}

$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
. (Join-Path $root 'tests/EmulatorProcess.ps1')
. (Join-Path $PSScriptRoot 'RunbookEnvironment.ps1')
$pwsh = (Get-Process -Id $PID).Path
$tenant = Start-EmulatorProcess (Join-Path $root 'out/emulator/QlikCloud.Emulator.dll')
try {
    Invoke-WithRunbookEnvironment (Resolve-Path $ModulePath) $tenant (New-TenantClient $tenant) {
        foreach ($name in 'Runbook.QlikOAuth.ps1', 'Runbook.RestMethod.ps1') {
            $path = Join-Path $PSScriptRoot $name
            $null = & $pwsh -NoProfile -NonInteractive -File $path   # fills the disk cache
            "== $name"
            & $pwsh -NoProfile -NonInteractive -File $PSCommandPath -Runbook $path
        }
    }
}
finally {
    Stop-EmulatorProcess $tenant
}
