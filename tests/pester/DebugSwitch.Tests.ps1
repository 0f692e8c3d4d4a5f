# -Debug in a runbook. build.ps1 runs this suite in `pwsh -NonInteractive`, on 7.6 and on 7.4 in CI, where any
# prompt fails the command. PowerShell turns -Debug on a compiled cmdlet into prompts: Verbose (and on 7.4 Debug)
# messages ask "Continue?", and on 7.4 every change asks "Are you sure?". Here -Debug alone, without -Verbose,
# must give more output and nothing else; a confirmation the user's $ConfirmPreference asks for still stands.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:work = New-TestDirectory 'debug'
    Connect-TestTenant | Out-Null

    # Runs a command with its Warning, Verbose and Debug streams merged into the output, as a runbook log has them.
    function Invoke-Merged([scriptblock] $Command) {
        $all = @(& $Command 3>&1 4>&1 5>&1)
        [pscustomobject]@{
            Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })
            Messages = @($all | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] } | ForEach-Object Message)
        }
    }
}

AfterAll {
    $ConfirmPreference = 'High'
    Remove-Item $work -Recurse -Force
}

Describe '-Debug without -Verbose in a non-interactive pwsh' {
    It 'runs where a prompt would fail (the premise of every test here)' {
        $choices = [System.Collections.ObjectModel.Collection[System.Management.Automation.Host.ChoiceDescription]]::new()
        $choices.Add([System.Management.Automation.Host.ChoiceDescription]::new('&Yes'))
        { $Host.UI.PromptForChoice('caption', 'message', $choices, 0) } | Should -Throw '*NonInteractive*'
    }

    It 'New-QlikOAuthKey -Debug writes the key and says so' {
        $path = Join-Path $work 'debug.pem'
        $result = Invoke-Merged { New-QlikOAuthKey -Path $path -Debug }
        $result.Output.Count | Should -Be 1
        $result.Output[0].PrivateKeyPath | Should -Be $path
        Test-Path $path | Should -BeTrue
        $result.Messages | Should -Contain "Wrote the RS256 private key $($result.Output[0].KeyId) to $path."
    }

    It 'runs the impersonation tutorial with -Debug on every cmdlet' {
        $key = New-QlikOAuthKey -Path (Join-Path $work 'tutorial.pem') -Debug 4>$null
        $app = Invoke-Merged { $key | New-QlikOAuthClient -Name 'Debugged app' -Impersonation -AllowedOrigin https://custom-app.com -Debug }
        $app.Output.Count | Should -Be 1
        $app.Messages -match '^POST /api/v1/oauth-clients -> 201' | Should -Not -BeNullOrEmpty

        $consent = Invoke-Merged { $app.Output[0] | Set-QlikOAuthConsent -PassThru -Debug }
        $consent.Output[0].ConsentMethod | Should -Be 'trusted'

        $token = Invoke-Merged { $app.Output[0] | Get-QlikImpersonationToken -Email alice@example.com -Debug }
        $token.Output[0].Email | Should -Be 'alice@example.com'
        $token.Messages -match '^POST /oauth/token -> 200' | Should -Not -BeNullOrEmpty

        $removed = Invoke-Merged { $app.Output[0] | Remove-QlikOAuthClient -Force -Debug }
        $removed.Messages | Should -Contain "Deleted OAuth client $($app.Output[0].ClientId)."
        Get-QlikOAuthClient -ClientId $app.Output[0].ClientId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'warns without asking: a key file other users can read' {
        $path = Join-Path $work 'shared.pem'
        $app = New-QlikOAuthKey -Path $path | New-QlikOAuthClient -Name 'Shared key app' -Impersonation -AllowedOrigin https://custom-app.com | Set-QlikOAuthConsent -PassThru
        chmod 644 $path

        $result = Invoke-Merged { $app | Get-QlikImpersonationToken -Email alice@example.com -Debug }

        $result.Output[0].Email | Should -Be 'alice@example.com'
        $result.Messages -like "*'$path' can be read or changed by other users (mode 0644)*chmod 600*" | Should -Not -BeNullOrEmpty
        $app | Remove-QlikOAuthClient -Force
    }

    It 'says what it is about to do, as ShouldProcess does with -Verbose' {
        $path = Join-Path $work 'announced.pem'
        $result = Invoke-Merged { New-QlikOAuthKey -Path $path -Debug }
        $result.Messages | Should -Contain "Performing the operation `"Write a new RS256 private key`" on target `"$path`"."
    }

    It 'still asks where $ConfirmPreference asks, so here it fails and writes nothing' {
        $path = Join-Path $work 'confirmed.pem'
        $ConfirmPreference = 'Medium'
        try {
            { New-QlikOAuthKey -Path $path -Debug -ErrorAction Stop } | Should -Throw '*NonInteractive*'
        }
        finally {
            $ConfirmPreference = 'High'
        }
        Test-Path $path | Should -BeFalse
    }

    It 'honours $WhatIfPreference, which a wrapper script run with -WhatIf passes down' {
        $path = Join-Path $work 'whatif-preference.pem'
        & {
            $WhatIfPreference = $true
            New-QlikOAuthKey -Path $path -Debug 5>$null
            New-QlikOAuthClient -Name 'Never made under WhatIfPreference' -Debug 5>$null
        }
        Test-Path $path | Should -BeFalse
        @(Get-QlikOAuthClient -Name 'Never made under WhatIfPreference*').Count | Should -Be 0
    }

    It 'still honours -WhatIf' {
        $path = Join-Path $work 'whatif.pem'
        New-QlikOAuthKey -Path $path -Debug -WhatIf
        Test-Path $path | Should -BeFalse
    }
}
