BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Connect-QlikTenant as a user sees it' {
    BeforeAll {
        $script:session = Connect-TestTenant
    }

    It 'shows the tenant, the credential type and the user in its default view' {
        $view = $session | Out-String
        $view | Should -Match 'ApiKey'
        $view | Should -Match ([regex]::Escape(([uri]$TenantUrl).Authority))
        $view | Should -Match 'Tenant Admin'
    }

    It 'never shows the API key, whatever the rendering' {
        Get-RenderedText $session | Should -Not -Match ([regex]::Escape($ApiKeyText))
    }

    It 'keeps the API key out of Verbose and Debug output' {
        $streams = Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey -Verbose -Debug 4>&1 5>&1 | Out-String
        $streams | Should -Match 'GET /api/v1/users/me -> 200'
        $streams | Should -Not -Match ([regex]::Escape($ApiKeyText))
    }

    It 'is the default session until Disconnect-QlikTenant' {
        (Get-QlikSession).TenantUrl | Should -Be $session.TenantUrl
        Disconnect-QlikTenant
        Get-QlikSession | Should -BeNullOrEmpty
    }

    It 'selects and filters like any object' {
        $selected = Connect-TestTenant | Select-Object TenantUrl, AuthenticationType, UserId
        $selected.AuthenticationType | Should -Be 'ApiKey'
        @(Get-QlikSession | Where-Object AuthenticationType -EQ 'ApiKey').Count | Should -Be 1
    }

    It 'reports a wrong API key as an authentication error that -ErrorAction Stop makes terminating' {
        $wrong = ConvertTo-SecureString 'not-the-key' -AsPlainText -Force
        { Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $wrong -ErrorAction Stop } |
            Should -Throw -ErrorId 'QlikApi.Unauthorized,QlikOAuth.Commands.ConnectQlikTenantCommand'
    }
}
