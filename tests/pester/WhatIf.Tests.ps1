# -WhatIf as a user sees it: the "What if:" lines go to the host, so the commands run in a child pwsh whose
# console output is captured; the tenant and the file system are then checked for changes.
BeforeDiscovery {
    $script:operations = @(
        @{ Cmdlet = 'New-QlikOAuthClient'; Action = 'Create OAuth client' }
        @{ Cmdlet = 'Set-QlikOAuthClient'; Action = 'Update OAuth client (clientName)' }
        @{ Cmdlet = 'Set-QlikOAuthConsent'; Action = 'Set consent method to Required' }
        @{ Cmdlet = 'New-QlikOAuthClientSecret'; Action = 'Add a client secret' }
        @{ Cmdlet = 'Remove-QlikOAuthClientSecret'; Action = 'Delete client secret' }
        @{ Cmdlet = 'Publish-QlikOAuthClient'; Action = 'Publish OAuth client to every tenant of the region' }
        @{ Cmdlet = 'Remove-QlikOAuthClient'; Action = 'Delete OAuth client' }
        @{ Cmdlet = 'New-QlikOAuthKey'; Action = 'Write a new RS256 private key' }
        @{ Cmdlet = 'Invoke-QlikRestMethod'; Action = 'DELETE' }
        @{ Cmdlet = 'Revoke-QlikAccessToken'; Action = 'Revoke' }
    )
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:work = New-TestDirectory 'whatif'
    Connect-TestTenant | Out-Null
    $script:before = New-QlikOAuthClient -Name 'Kept as it is' -Trusted
    $script:keyPath = Join-Path $work 'never-written.pem'
    $script:chainKeyPath = Join-Path $work 'chain-never-written.pem'
    $child = @"
Import-Module '$env:QLIKOAUTH_MODULE'
Connect-QlikTenant -TenantUrl '$TenantUrl' -ApiKey (ConvertTo-SecureString '$ApiKeyText' -AsPlainText -Force) | Out-Null
`$token = Get-QlikAccessToken -Credential (New-Object PSCredential '$($before.ClientId)', (ConvertTo-SecureString '$(ConvertTo-PlainText $before.ClientSecret)' -AsPlainText -Force))
Invoke-RestMethod -Method Delete -Uri '$TenantUrl/_emulator/requests'
New-QlikOAuthClient -Name 'Never made' -WhatIf
Set-QlikOAuthClient -ClientId $($before.ClientId) -Name 'Renamed' -WhatIf
Set-QlikOAuthConsent -ClientId $($before.ClientId) -Method Required -WhatIf
New-QlikOAuthClientSecret -ClientId $($before.ClientId) -WhatIf
Remove-QlikOAuthClientSecret -ClientId $($before.ClientId) -Hint $($before.SecretHints[0]) -WhatIf
Publish-QlikOAuthClient -ClientId $($before.ClientId) -WhatIf
Get-QlikOAuthClient -ClientId $($before.ClientId) | Remove-QlikOAuthClient -Force -WhatIf
New-QlikOAuthKey -Path '$keyPath' -WhatIf
Invoke-QlikRestMethod -Path /api/v1/oauth-clients/$($before.ClientId) -Method DELETE -WhatIf
`$token | Revoke-QlikAccessToken -WhatIf
New-QlikOAuthClient -Name 'Embedding preview' -Impersonation -AllowedOrigin https://preview.example.com -AddCspOrigin -WhatIf | Out-Null
New-QlikOAuthKey -Path '$chainKeyPath' -Algorithm ES384 -WhatIf | New-QlikOAuthClient -Name 'Chained preview' -Impersonation -WhatIf | Set-QlikOAuthConsent -PassThru -WhatIf
"@
    $pwsh = (Get-Process -Id $PID).Path
    $script:printed = & $pwsh -NoProfile -NonInteractive -Command $child 2>&1 | Out-String
    $script:requests = Get-TenantRequests
}

AfterAll {
    Remove-Item $work -Recurse -Force
}

Describe '<Cmdlet> -WhatIf' -ForEach $operations {
    It 'prints what it would do' {
        $printed | Should -Match ('What if: Performing the operation "{0}"' -f [regex]::Escape($Action))
    }
}

Describe '-WhatIf changes nothing' {
    It 'sent the tenant reads only' {
        $printed | Should -Match 'What if:'
        @($requests | Where-Object method -NE 'GET' | ForEach-Object { "$($_.method) $($_.path)" }) | Should -BeNullOrEmpty
    }

    It 'left the client as it was' {
        $after = Get-QlikOAuthClient
        @($after).Count | Should -Be 1
        $after.Name | Should -Be 'Kept as it is'
        $after.ConsentMethod | Should -Be $before.ConsentMethod
        $after.SecretHints | Should -Be $before.SecretHints
        $after.PublishedAt | Should -BeNullOrEmpty
    }

    It 'wrote no key file' {
        $keyPath | Should -Not -Exist
    }
}

Describe 'New-QlikOAuthClient -AddCspOrigin -WhatIf' {
    It 'previews the CSP entry as well as the client' {
        $printed | Should -Match 'What if: Performing the operation "Create OAuth client" on target "''Embedding preview'' on '
        $printed | Should -Match 'What if: Performing the operation "Allow in the tenant''s Content Security Policy list \(frame-ancestors, connect-src\)" on target "https://preview.example.com on '
    }

    It 'added no CSP entry' {
        @(Get-QlikCspOrigin).Count | Should -Be 0
    }
}

Describe 'A -WhatIf chain (key | client | consent)' {
    It 'previews every step, each on what the step before would make' {
        $printed | Should -Match ('What if: Performing the operation "Write a new ES384 private key" on target "{0}"' -f [regex]::Escape($chainKeyPath))
        $printed | Should -Match 'What if: Performing the operation "Create OAuth client" on target "''Chained preview'' on '
        $printed | Should -Match 'What if: Performing the operation "Set consent method to Trusted" on target "\(not created: Chained preview\)"'
    }

    It 'wrote no key and created no client' {
        $chainKeyPath | Should -Not -Exist
        @(Get-QlikOAuthClient -Name 'Chained*').Count | Should -Be 0
    }
}
