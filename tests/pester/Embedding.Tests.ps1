# The embedding cmdlets as a user sees them in a fresh pwsh: the CSP and token audit views, and the chains a web app's
# operator runs (set up, audit, sign a user out), with no token or secret in any rendering.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    Connect-TestTenant | Out-Null
    $script:web = New-QlikOAuthClient -Name 'Embedding view test' -Impersonation -AllowedOrigin https://custom-app.com -Trusted -AddCspOrigin
    $script:tokens = 'alice@example.com', 'bob@example.com' | ForEach-Object { Get-QlikImpersonationToken -Credential $web.Credential -Email $_ -NoCache }
    $script:secrets = @($tokens | ForEach-Object { ConvertTo-PlainText $_.AccessToken }) + (ConvertTo-PlainText $web.ClientSecret) + $ApiKeyText
}

Describe 'CSP origins as PowerShell shows them' {
    It 'shows origin, name and directives in a table' {
        $view = Get-QlikCspOrigin | Out-String -Width 250
        foreach ($column in 'Origin', 'Name', 'Directives', 'Id') { $view | Should -Match $column }
        $view | Should -Match 'https://custom-app.com'
        $view | Should -Match 'ConnectSrc, FrameAncestors'
    }

    It 'filters with Where-Object and reports -WhatIf without a change' {
        @(Get-QlikCspOrigin | Where-Object FrameAncestors).Count | Should -Be 1
        New-QlikCspOrigin -Origin https://cdn.custom-app.com -ImgSrc -WhatIf
        @(Get-QlikCspOrigin).Count | Should -Be 1
    }
}

Describe 'The token audit as PowerShell shows it' {
    It 'shows id, user, client and last use, and no token text anywhere' {
        $audit = Get-QlikOAuthToken -All
        $audit.Count | Should -Be 2
        $view = $audit | Out-String -Width 250
        foreach ($column in 'Id', 'UserId', 'ClientName', 'LastUsed') { $view | Should -Match $column }
        $view | Should -Match 'Embedding view test'
        $rendered = Get-RenderedText $audit
        foreach ($secret in $secrets) { $rendered | Should -Not -Match ([regex]::Escape($secret)) }
    }

    It 'signs one user out and leaves the other working' {
        Revoke-QlikOAuthToken -Email alice@example.com -Force
        @(Get-QlikOAuthToken -Email alice@example.com).Count | Should -Be 0
        { Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $tokens[0] -ErrorAction Stop } | Should -Throw
        (Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $tokens[1]).name | Should -Be 'Bob'
    }
}
