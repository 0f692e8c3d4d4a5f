<#
.SYNOPSIS
    Builds, tests and demonstrates the QlikOAuth module.

.DESCRIPTION
    -Task Build   publishes the importable module to out/QlikOAuth/ (manifest with the version stamped,
                  QlikOAuth.dll, format and help files, dependencies/).
    -Task Test    Build, then `dotnet test` on the solution, then the Pester suite in a fresh pwsh.
    -Task Pester  Build, then only the Pester suite (tests/pester) against out/QlikOAuth and an emulated
                  tenant that this script starts on 127.0.0.1 and stops afterwards.
    -Task Demo    Build, start the emulated tenant, and run both Qlik tutorials end to end (M2M client and
                  M2M impersonation client: connect, create, consent Trusted, token, users/me).

    Runs on PowerShell 7 and on Windows PowerShell 5.1 (the Pester suite and the demo need pwsh for the
    emulator's .NET 10 and for Pester 5; on 5.1 use -Task Build).

.EXAMPLE
    pwsh ./build.ps1 -Task Demo

.EXAMPLE
    pwsh ./build.ps1 -Task Pester -PesterPath tests/pester/DebugSwitch.Tests.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where Pester writes its NUnit XML and counts (read by .ci/run).
    [string] $TestResultsDirectory = (Join-Path $PSScriptRoot 'TestResults'),

    # The Pester files or folders to run: the whole suite unless you are working on one file.
    [string[]] $PesterPath = @(Join-Path $PSScriptRoot 'tests/pester')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$moduleDirectory = Join-Path $PSScriptRoot 'out/QlikOAuth'
$emulatorProject = Join-Path $PSScriptRoot 'tests/QlikCloud.Emulator/QlikCloud.Emulator.csproj'
$emulatorOutput = Join-Path $PSScriptRoot "out/emulator"
. (Join-Path $PSScriptRoot 'tests/EmulatorProcess.ps1')

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-PwshPath {
    # The PowerShell 7 running this script runs the child too: `pwsh7.4 ./build.ps1 -Task Pester` tests on 7.4.
    if ($PSVersionTable.PSEdition -eq 'Core') { return [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName }
    $pwsh = Get-Command pwsh -ErrorAction SilentlyContinue
    if ($pwsh) { return $pwsh.Source }
    $installer = Join-Path $PSScriptRoot '../shared/tools/install-pwsh'
    if (Test-Path $installer) { return (& bash $installer | Select-Object -Last 1) }
    throw 'PowerShell 7 (pwsh) is needed for this task: install it, or place ../shared/tools beside the repository.'
}

function Invoke-ModuleBuild {
    Write-Host "Building the module into $moduleDirectory ($Configuration)"
    if (Test-Path $moduleDirectory) { Remove-Item $moduleDirectory -Recurse -Force }
    Invoke-Native dotnet @('build', (Join-Path $PSScriptRoot 'src/QlikOAuth/QlikOAuth.csproj'), '-c', $Configuration, '-nologo', '-v', 'quiet', "-p:ModuleLayoutDir=$moduleDirectory/")
    Invoke-Native dotnet @('build', $emulatorProject, '-c', $Configuration, '-nologo', '-v', 'quiet', '-o', $emulatorOutput)
}

# Runs a script in a fresh pwsh that sees the built module and the emulator through environment variables.
function Invoke-WithEmulator {
    param([string] $Script)
    $pwsh = Get-PwshPath
    $emulator = Start-EmulatorProcess (Join-Path $emulatorOutput 'QlikCloud.Emulator.dll') @('--test-controls')
    try {
        $env:QLIKOAUTH_MODULE = Join-Path $moduleDirectory 'QlikOAuth.psd1'
        $env:QLIKOAUTH_TENANT_URL = $emulator.Url
        $env:QLIKOAUTH_EMULATOR_API_KEY = $emulator.ApiKey
        # For the files that start a fleet of tenants of their own (Start-TestFleet).
        $env:QLIKOAUTH_EMULATOR_DLL = Join-Path $emulatorOutput 'QlikCloud.Emulator.dll'
        # Out-Host: the child's output must not become part of this function's return value.
        & $pwsh -NoProfile -NonInteractive -Command $Script | Out-Host
        return $LASTEXITCODE
    }
    finally {
        Stop-EmulatorProcess $emulator
        Remove-Item Env:QLIKOAUTH_MODULE, Env:QLIKOAUTH_TENANT_URL, Env:QLIKOAUTH_EMULATOR_API_KEY, Env:QLIKOAUTH_EMULATOR_DLL -ErrorAction SilentlyContinue
    }
}

function Invoke-PesterSuite {
    New-Item -ItemType Directory -Force -Path $TestResultsDirectory | Out-Null
    # Named by the PowerShell version, so runs on 7.6 and 7.4 into one folder keep both results.
    $version = $PSVersionTable.PSVersion.ToString()
    $resultXml = Join-Path $TestResultsDirectory "pester-$version.xml"
    $countsFile = Join-Path $TestResultsDirectory "pester-counts-$version.txt"
    $script = @"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
Import-Module Pester -MinimumVersion 5.0
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @($(($PesterPath | ForEach-Object { "'" + (Resolve-Path $_).Path + "'" }) -join ', '))
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Normal'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'NUnitXml'
`$configuration.TestResult.OutputPath = '$resultXml'
`$result = Invoke-Pester -Configuration `$configuration
'{0} {1} {2}' -f `$result.PassedCount, `$result.FailedCount, `$result.SkippedCount | Set-Content -Path '$countsFile'
if (`$result.Result -ne 'Passed') { exit 1 }
"@
    $exitCode = Invoke-WithEmulator $script
    if ($exitCode -ne 0) { throw "The Pester suite failed (exit code $exitCode); see $resultXml." }
}

switch ($Task) {
    'Build' {
        Invoke-ModuleBuild
    }
    'Test' {
        Invoke-ModuleBuild
        Invoke-Native dotnet @('test', (Join-Path $PSScriptRoot 'QlikOAuth.sln'), '-nologo')
        Invoke-PesterSuite
    }
    'Pester' {
        Invoke-ModuleBuild
        Invoke-PesterSuite
    }
    'Demo' {
        Invoke-ModuleBuild
        $demo = Join-Path $PSScriptRoot 'tests/demo/Invoke-TutorialDemo.ps1'
        $exitCode = Invoke-WithEmulator "& '$demo'; exit `$LASTEXITCODE"
        if ($exitCode -ne 0) { throw "The demo failed (exit code $exitCode)." }
    }
}
