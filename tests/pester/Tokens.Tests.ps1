# Tokens as a user sees and pipes them in a full pwsh: views and renderings hold no token text unless
# -AsPlainText is asked, CSV in and out, the Utility cmdlets, and plain tokens that work in Invoke-RestMethod.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:work = New-TestDirectory 'tokens'
    Connect-TestTenant | Out-Null
    $script:m2m = New-QlikOAuthClient -Name 'Reporting automation' -Scope user_default, admin_classic -Trusted
    $script:app = New-QlikOAuthKey -Path (Join-Path $work 'embed-app.pem') |
        New-QlikOAuthClient -Name 'Embedded analytics' -Impersonation -AllowedOrigin https://custom-app.com -Trusted
    $script:clientSecrets = @($m2m, $app | ForEach-Object { ConvertTo-PlainText $_.ClientSecret })

    function Invoke-AsBearer([string] $Token) {
        Invoke-RestMethod -Uri "$TenantUrl/api/v1/users/me" -Headers @{ Authorization = "Bearer $Token" }
    }

    # Fails when any of the texts appears in the rendered text.
    function Assert-HoldsNone([string] $Rendered, [string[]] $Texts) {
        foreach ($text in $Texts) { $Rendered | Should -Not -Match ([regex]::Escape($text)) }
    }
}

AfterAll {
    Remove-Item $work -Recurse -Force
}

Describe 'Token objects as PowerShell shows them' {
    BeforeAll {
        $script:m2mToken = $m2m | Get-QlikAccessToken
        $script:aliceToken = $app | Get-QlikImpersonationToken -Email alice@example.com
        $script:tokenTexts = @($m2mToken, $aliceToken | ForEach-Object { ConvertTo-PlainText $_.AccessToken })
    }

    It 'fits the token table in 80 columns: who, until when (full time) and which client' {
        $view = $m2mToken, $aliceToken | Out-String -Width 80
        Assert-FitsWithoutSqueezedColumns $view 80
        $view | Should -Match 'User\s+ExpiresAt\s+ClientId'
        $view | Should -Match ('auth0\|alice\s+' + [regex]::Escape($aliceToken.ExpiresAt.ToString('u')) + '\s+' + $app.ClientId)
        $view | Should -Match ('qlikbot \(M2M\)\s+\S+ \S+Z\s+' + $m2m.ClientId) # the client's bot user; the id is in its own column
    }

    It 'adds the grant and scope at 120 columns' {
        $view = $m2mToken, $aliceToken | Out-String -Width 120
        Assert-FitsWithoutSqueezedColumns $view 120
        $view | Should -Match 'ClientId\s+Grant\s+Scope'
        $view | Should -Match 'M2M\s+user_default'
        $view | Should -Match 'Impersonation'
    }

    It 'keeps the token text out of every rendering' {
        $tokenTexts | ForEach-Object { $_.Length | Should -BeGreaterThan 20 }
        Assert-HoldsNone (Get-RenderedText $m2mToken, $aliceToken) ($tokenTexts + $clientSecrets + $ApiKeyText)
    }

    It 'keeps a plain text token out of the default view and ToString' {
        $plain = $m2m | Get-QlikAccessToken -AsPlainText -NoCache
        $plain.AccessToken | Should -BeOfType [string]
        Assert-HoldsNone (($plain | Out-String -Width 500) + $plain.ToString()) $plain.AccessToken
    }

    It 'shows a client test result without any token or secret' {
        $result = $app | Test-QlikOAuthClient -Subject 'auth0|bob'
        $view = $result | Out-String -Width 250
        foreach ($field in 'ClientId', 'Success', 'GrantType', 'ActsAs', 'Message') { $view | Should -Match "$field\s+:" }
        $view | Should -Match 'auth0\|bob'
        $cached = ConvertTo-PlainText ($app | Get-QlikImpersonationToken -Subject 'auth0|bob').AccessToken
        Assert-HoldsNone (Get-RenderedText $result) ($cached, $clientSecrets + $ApiKeyText)
    }

    It 'shows REST answers without the token they were fetched with' {
        $me = Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $aliceToken
        $me.email | Should -Be 'alice@example.com'
        Assert-HoldsNone (Get-RenderedText $me) ($tokenTexts + $ApiKeyText)
    }
}

Describe 'Tokens for users from a CSV file' {
    BeforeAll {
        $script:users = Join-Path $work 'users.csv'
        'Email', 'alice@example.com', 'bob@example.com', 'carol@example.com' | Set-Content $users
    }

    It 'exports one row per user and no token text' {
        $issued = Join-Path $work 'issued.csv'
        Import-Csv $users | Get-QlikImpersonationToken -Credential $app.Credential -OutVariable tokens | Export-Csv $issued
        $rows = Import-Csv $issued
        $rows.Email | Should -Be @('alice@example.com', 'bob@example.com', 'carol@example.com')
        $rows[0].AccessToken | Should -Be 'System.Security.SecureString'
        Assert-HoldsNone (Get-Content -Raw $issued) @($tokens | ForEach-Object { ConvertTo-PlainText $_.AccessToken })
    }

    It 'exports working bearer tokens with -AsPlainText' {
        $issued = Join-Path $work 'plain.csv'
        Import-Csv $users |
            Get-QlikImpersonationToken -ClientId $app.ClientId -PrivateKeyPath $app.PrivateKeyPath -KeyId $app.KeyId -AsPlainText |
            Select-Object Email, AccessToken | Export-Csv $issued
        foreach ($row in Import-Csv $issued) {
            (Invoke-AsBearer $row.AccessToken).email | Should -Be $row.Email
        }
    }
}

Describe 'Tokens through the Utility cmdlets' {
    BeforeAll {
        $script:tokens = 'auth0|carol', 'auth0|alice', 'auth0|bob' | Get-QlikImpersonationToken -Credential $app.Credential
    }

    It 'keeps input order and selects the user columns' {
        $rows = $tokens | Select-Object Subject, UserId, GrantType
        $rows.Subject | Should -Be @('auth0|carol', 'auth0|alice', 'auth0|bob')
        $rows.GrantType | Select-Object -Unique | Should -Be 'urn:qlik:oauth:user-impersonation'
    }

    It 'sorts, filters, groups and measures tokens' {
        ($tokens | Sort-Object Subject).Subject | Should -Be @('auth0|alice', 'auth0|bob', 'auth0|carol')
        ($tokens | Where-Object Subject -Like '*b*').Subject | Should -Be 'auth0|bob'
        ($tokens, ($m2m | Get-QlikAccessToken) | ForEach-Object { $_ } | Group-Object GrantType).Count | Should -Be 2
        ($tokens | Measure-Object).Count | Should -Be 3
        ($tokens | Measure-Object -Property ExpiresAt -Minimum).Minimum | Should -BeGreaterThan (Get-Date)
    }

    It 'gets a token per user of the users API, and reports the disabled one without stopping' {
        $issued = Invoke-QlikRestMethod -Path /api/v1/users -All |
            Where-Object email -Like '*@example.com' |
            Get-QlikImpersonationToken -Credential $app.Credential -ErrorVariable failed -ErrorAction SilentlyContinue
        $issued.Subject | Should -Contain 'auth0|alice'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TokenRefused.UserDisabled,*'
    }

    It 'revokes tokens piped to Revoke-QlikAccessToken' {
        $plain = $app | Get-QlikImpersonationToken -Subject 'auth0|carol' -AsPlainText -NoCache
        (Invoke-AsBearer $plain.AccessToken).subject | Should -Be 'auth0|carol'
        $plain | Revoke-QlikAccessToken
        { Invoke-AsBearer $plain.AccessToken } | Should -Throw -ExpectedMessage '*401*'
    }
}
