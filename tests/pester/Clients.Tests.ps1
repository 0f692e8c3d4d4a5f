# Client, secret and key objects as a user sees and pipes them in a full pwsh: default views, every other
# rendering (which must hold no secret or private key text), and chains through the Utility cmdlets.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:work = New-TestDirectory 'clients'
}

AfterAll {
    Remove-Item $work -Recurse -Force
}

Describe 'Client objects as PowerShell shows them' {
    BeforeAll {
        Connect-TestTenant | Out-Null
        $script:m2m = New-QlikOAuthClient -Name 'Reporting automation' -Scope user_default, admin_classic -Trusted
        $script:m2mSecret = ConvertTo-PlainText $m2m.ClientSecret
        $script:embed = New-QlikOAuthClient -Name 'Public embed' -AppType AnonymousEmbed -AllowedOrigin https://embed.example.com
        $script:secret = $m2m | New-QlikOAuthClientSecret -Force
        $script:secretText = $secret.Credential.GetNetworkCredential().Password
        $script:key = New-QlikOAuthKey -Path (Join-Path $work 'embed-app.pem')
        $script:pemLines = Get-PrivateKeyLines $key.PrivateKeyPath
    }

    # A console of N columns lays a table out in N - 1 (it leaves its last column free); Out-String -Width N uses all N.
    It 'fits a client table in 80 columns (<_>): name, id, the app type whole, and consent' -ForEach 79, 80 {
        $view = $m2m, $embed | Out-String -Width $_
        Assert-FitsWithoutSqueezedColumns $view $_
        $view | Should -Match 'Name\s+ClientId\s+AppType\s+Consent\s*\r?\n'
        $view | Should -Match 'Reporting automation'
        $view | Should -Match ([regex]::Escape($m2m.ClientId) + '\s+web\s+trusted')
        $view | Should -Match ([regex]::Escape($embed.ClientId) + '\s+anonymous-embed\s')
        $view | Should -Not -Match 'Grant'
    }

    It 'adds the grant and the authentication methods at 120 columns (<_>)' -ForEach 119, 120 {
        $view = $m2m, $embed | Out-String -Width $_
        Assert-FitsWithoutSqueezedColumns $view $_
        $view | Should -Match 'AppType\s+Consent\s+Grant\s+Authentication'
        $view | Should -Match 'web\s+trusted\s+M2M\s+ClientSecret'
        $view | Should -Match 'anonymous-embed\s'
    }

    It 'lists a client with its lists on one readable line each and without RawJson' {
        $twoHints = Get-QlikOAuthClient -ClientId $m2m.ClientId
        $view = $twoHints | Format-List | Out-String -Width 120
        $view | Should -Match ('SecretHints\s+: ' + [regex]::Escape($twoHints.SecretHints -join ', '))
        $view | Should -Match 'Scopes\s+: user_default, admin_classic'
        $view | Should -Not -Match 'RawJson'
        ($twoHints | Format-List * | Out-String -Width 120) | Should -Match 'RawJson\s+:'
    }

    It 'keeps the one-time secret out of every rendering of the new client' {
        $m2mSecret.Length | Should -BeGreaterThan 10
        $rendered = Get-RenderedText $m2m
        $rendered | Should -Not -Match ([regex]::Escape($m2mSecret))
        $rendered | Should -Not -Match ([regex]::Escape($ApiKeyText))
        ($m2m | Format-List * | Out-String) | Should -Match 'ClientSecret\s+: System.Security.SecureString'
    }

    It 'shows a new secret by client id and hint, and never its text' {
        $view = $secret | Out-String -Width 250
        $view | Should -Match $secret.Hint
        $view | Should -Match $m2m.ClientId
        Get-RenderedText $secret | Should -Not -Match ([regex]::Escape($secretText))
    }

    It 'shows a key by kid, algorithm, size and path, and never its private key' {
        $view = $key | Out-String -Width 250
        foreach ($value in $key.KeyId, 'RS256', '2048', 'PrivateKeyPath') { $view | Should -Match ([regex]::Escape($value)) }
        $pemLines.Count | Should -BeGreaterThan 10
        $rendered = Get-RenderedText $key
        $rendered | Should -Not -Match '-----BEGIN'
        foreach ($line in $pemLines) { $rendered | Should -Not -Match ([regex]::Escape($line)) }
    }

    It 'keeps the admin client''s secret out of a session connected with it' {
        $session = Connect-QlikTenant -TenantUrl $TenantUrl -Credential $m2m.Credential -NoDefault
        $view = $session | Out-String -Width 250
        $view | Should -Match 'OAuthClient'
        $view | Should -Match 'Reporting automation'
        Get-RenderedText $session | Should -Not -Match ([regex]::Escape($m2mSecret))
    }

    It 'round-trips a client through ConvertTo-Json and ConvertFrom-Json without its secret' {
        $json = $m2m | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue
        $json | Should -Not -Match ([regex]::Escape($m2mSecret))
        $copy = $json | ConvertFrom-Json
        $copy.ClientId | Should -Be $m2m.ClientId
        $copy.Scopes | Should -Be @('user_default', 'admin_classic')
        ($copy.RawJson | ConvertFrom-Json).clientName | Should -Be 'Reporting automation'
        ($copy | Select-Object ClientId | Get-QlikOAuthClient).Name | Should -Be 'Reporting automation'
    }

    It 'writes a small reference to the session into JSON, which still binds -Session' {
        $copy = $m2m | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | ConvertFrom-Json
        @($copy.Session.PSObject.Properties.Name) | Should -Be @('TenantUrl', 'SessionId', 'IsConnected')
        [uri]$copy.Session.TenantUrl | Should -Be $m2m.Session.TenantUrl
        $m2m.Session.SessionId | Should -Be (Get-QlikSession).SessionId
        ($m2m | Get-QlikOAuthClient).ClientId | Should -Be $m2m.ClientId
        (Get-QlikOAuthClient -ClientId $m2m.ClientId -Session $m2m.Session).Name | Should -Be 'Reporting automation'
    }

    It 'writes no secret to a CSV file of new clients' {
        $csv = Join-Path $work 'clients.csv'
        $m2m, $secret | Export-Csv $csv
        $text = Get-Content -Raw $csv
        $text | Should -Match $m2m.ClientId
        $text | Should -Not -Match ([regex]::Escape($m2mSecret))
        $text | Should -Not -Match ([regex]::Escape($secretText))
    }
}

Describe 'Clients through the Utility cmdlets' {
    BeforeAll {
        Connect-TestTenant | Out-Null
        'Name,Description', 'etl-orders,Nightly orders', 'etl-stock,Stock levels', 'portal,Customer portal' | Set-Content (Join-Path $work 'new-clients.csv')
        $script:created = Import-Csv (Join-Path $work 'new-clients.csv') | New-QlikOAuthClient
        Get-QlikOAuthClient -Name 'etl-*' | Set-QlikOAuthConsent
    }

    It 'creates one client per Import-Csv row, binding Name and Description by property name' {
        $created.Count | Should -Be 3
        ($created | Where-Object Name -EQ 'etl-stock').Description | Should -Be 'Stock levels'
    }

    It 'selects, sorts and measures clients' {
        $rows = Get-QlikOAuthClient | Sort-Object Name -Descending | Select-Object Name, ClientId, ConsentMethod
        $rows.Name | Should -Be @('portal', 'etl-stock', 'etl-orders')
        $rows[0].PSObject.Properties.Name | Should -Be @('Name', 'ClientId', 'ConsentMethod')
        (Get-QlikOAuthClient | Measure-Object).Count | Should -Be 3
    }

    It 'groups clients by consent method' {
        $groups = Get-QlikOAuthClient | Group-Object ConsentMethod -AsHashTable -AsString
        $groups['trusted'].Name | Sort-Object | Should -Be @('etl-orders', 'etl-stock')
        $groups['required'].Name | Should -Be 'portal'
    }

    It 'removes every trusted client through Where-Object' {
        Get-QlikOAuthClient | Where-Object ConsentMethod -EQ trusted | Remove-QlikOAuthClient -Force
        (Get-QlikOAuthClient).Name | Should -Be 'portal'
    }
}
