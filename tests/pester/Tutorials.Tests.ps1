# Qlik's two OAuth tutorials end to end, typed as a tenant admin would type them: "Create a new OAuth2 M2M
# client" and "Create a M2M impersonation OAuth2 client". The steps of each Describe run in order.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    Reset-TestTenant
    $script:work = New-TestDirectory 'tutorials'
    Push-Location $work
}

AfterAll {
    Pop-Location
    Remove-Item $work -Recurse -Force
}

Describe 'Tutorial: create a new OAuth2 M2M client' {
    It 'connects with the API key of a tenant admin' {
        $apiKey = ConvertTo-SecureString $ApiKeyText -AsPlainText -Force
        $session = Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $apiKey
        $session.UserName | Should -Be 'Tenant Admin'
    }

    It 'creates the client and keeps its one-time secret' {
        $script:client = New-QlikOAuthClient -Name 'M2M tutorial' -Scope user_default, admin_classic
        $client.GrantTypes | Should -Be 'client_credentials'
        $client.Credential.UserName | Should -Be $client.ClientId
        $client.Credential.GetNetworkCredential().Password | Should -Not -BeNullOrEmpty
    }

    It 'changes the consent method to Trusted' {
        $script:client = $client | Set-QlikOAuthConsent -PassThru
        $client.ConsentMethod | Should -Be 'trusted'
        (Get-QlikOAuthClient -ClientId $client.ClientId).ConsentMethod | Should -Be 'trusted'
    }

    It 'gets a token that acts as the client''s bot user on /api/v1/users/me' {
        $token = $client | Get-QlikAccessToken
        $me = Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $token
        $me.subject | Should -Be "qlikbot\$($client.ClientId)"
    }

    It 'gives the same answer to curl-style calls with the plain token' {
        $bearer = Get-QlikAccessToken -Credential $client.Credential -TenantUrl $TenantUrl -AsPlainText
        $me = Invoke-RestMethod -Uri "$TenantUrl/api/v1/users/me" -Headers @{ Authorization = "Bearer $($bearer.AccessToken)" }
        $me.subject | Should -Be "qlikbot\$($client.ClientId)"
        (Test-QlikOAuthClient -Credential $client.Credential).Success | Should -BeTrue
    }
}

Describe 'Tutorial: create a M2M impersonation OAuth2 client' {
    It 'creates a key and an impersonation client for https://custom-app.com' {
        $script:app = New-QlikOAuthKey -Path ./embed-app.pem |
            New-QlikOAuthClient -Name 'Impersonation tutorial' -Impersonation -AllowedOrigin https://custom-app.com
        $app.GrantTypes | Should -Be 'urn:qlik:oauth:user-impersonation'
        $app.AllowedOrigins | Should -Be 'https://custom-app.com'
        $app.AuthenticationMethods | Sort-Object | Should -Be @('client_secret', 'private_key_jwt')
        $app.PrivateKeyPath | Should -Be (Join-Path $work 'embed-app.pem')
    }

    It 'is refused until its consent method is Trusted' {
        $result = $app | Test-QlikOAuthClient -Subject 'auth0|alice'
        $result.Success | Should -BeFalse
        $result.Reason | Should -Be 'ConsentNotTrusted'
        $result.Message | Should -Match 'Set-QlikOAuthConsent'
    }

    It 'impersonates a user by private key JWT once trusted' {
        $script:app = $app | Set-QlikOAuthConsent -PassThru
        $streams = $app | Get-QlikImpersonationToken -Subject 'auth0|alice' -Verbose 4>&1
        ($streams | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n" | Should -Match '\(private_key_jwt\)'
        $token = $streams | Where-Object { $_ -is [QlikOAuth.QlikAccessToken] }
        (Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $token).email | Should -Be 'alice@example.com'
    }

    It 'impersonates a user by email with the client secret' {
        $token = Get-QlikImpersonationToken -Credential $app.Credential -Email bob@example.com
        (Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $token).subject | Should -Be 'auth0|bob'
    }

    It 'cannot get a machine-to-machine token, as Qlik advises for impersonation clients, and is never advised to' {
        $result = Test-QlikOAuthClient -Credential $app.Credential -TenantUrl $TenantUrl
        $result.Success | Should -BeFalse
        $result.Reason | Should -Be 'GrantNotAllowed'
        $result.Message | Should -Match '-UserId, -Subject or -Email'
        $result.Message | Should -Not -Match 'Set-QlikOAuthClient'
    }

    It 'is tested with no user named by impersonating the session''s own user' {
        $result = Test-QlikOAuthClient -Credential $app.Credential
        $result.Success | Should -BeTrue
        $result.GrantType | Should -Be 'urn:qlik:oauth:user-impersonation'
        $result.ActsAs | Should -Be 'auth0|admin'
        $result.Message | Should -Match "impersonating the session's user auth0\|admin"
    }
}
