# Every PowerShell example in README.md runs, in order, in one fresh runspace, against the emulated
# tenant, as a reader would paste them. Two substitutions only: the tenant comes from the environment
# variables the README names, and the relative module path points at the module under test. "Many tenants"
# reads ./tenants.csv, the reader's own list: here three tenants of an emulated fleet (--tenants) that take the same key.
BeforeDiscovery {
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $script:examples = [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```') |
        ForEach-Object -Begin { $index = 0 } -Process { @{ Index = ++$index; Code = $_.Groups[1].Value } }
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    Reset-TestTenant
    $script:workDirectory = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "qlikoauth-readme-$PID")
    $script:runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $env:QLIK_TENANT_URL = $TenantUrl
    $env:QLIK_API_KEY = $ApiKeyText
    $runspace.SessionStateProxy.Path.SetLocation($workDirectory.FullName) | Out-Null
    $script:fleet = Start-TestFleet -Tenants 3
    $fleet.Urls | ForEach-Object { [pscustomobject]@{ Customer = "customer of $_"; TenantUrl = $_ } } | Export-Csv -Path (Join-Path $workDirectory 'tenants.csv')
    # "Sign in as yourself" opens a browser: Debian's headless Chromium through a small wrapper (the flags a headless
    # run needs), as the reader's own browser. Without Chromium those examples are skipped, never passed.
    $script:chromium = Get-Command chromium, chromium-browser -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($chromium) {
        $wrapper = Join-Path $workDirectory.FullName 'browser.sh'
        Set-Content -Path $wrapper -Value "#!/bin/sh`nprofile=`$(mktemp -d)`n'$($chromium.Source)' --headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir=`"`$profile`" --dump-dom `"`$1`" > /dev/null 2>&1`nstatus=`$?`nrm -rf `"`$profile`"`nexit `$status"
        chmod +x $wrapper
        $script:previousBrowser = $env:BROWSER
        $env:BROWSER = $wrapper
    }
}

AfterAll {
    $runspace.Dispose()
    Stop-TestFleet $fleet
    Remove-Item $workDirectory -Recurse -Force
    Remove-Item Env:QLIK_TENANT_URL, Env:QLIK_API_KEY
    if ($chromium) { $env:BROWSER = $previousBrowser }
}

Describe 'README example <Index>' -ForEach $examples {
    It 'runs without errors' {
        if ($Code -match '-Interactive' -and -not $chromium) {
            Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium): the sign-in example needs a browser'
        }
        $shell = [powershell]::Create($runspace)
        $code = $Code.Replace('./out/QlikOAuth/QlikOAuth.psd1', $env:QLIKOAUTH_MODULE)
        $output = $shell.AddScript($code).Invoke()
        $errors = $shell.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }
        $errors | Should -BeNullOrEmpty
        $shell.HadErrors | Should -BeFalse
        $output | Out-String | Should -Not -Match ([regex]::Escape($ApiKeyText))
    }
}

Describe 'README' {
    It 'has PowerShell examples to run' {
        $examples.Count | Should -BeGreaterThan 5
    }
}
