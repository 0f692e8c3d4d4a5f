# Verbose and Debug of the cmdlets that create or use secrets, merged into the output as a user does with
# 4>&1 5>&1: they tell what was sent, and never a client secret, token, API key or private key.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:work = New-TestDirectory 'streams'
    Connect-TestTenant | Out-Null
    $script:trace = [System.Collections.Generic.List[string]]::new()
    $script:secrets = [System.Collections.Generic.List[string]]::new()

    # Runs a command with -Verbose -Debug, keeps its stream records' text, and returns its output objects.
    function Invoke-Traced([scriptblock] $Command) {
        $all = & $Command 4>&1 5>&1
        $all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.DebugRecord] } |
            ForEach-Object { $trace.Add($_.Message) }
        $all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.DebugRecord] }
    }

    $key = Invoke-Traced { New-QlikOAuthKey -Path (Join-Path $work 'app.pem') -Verbose -Debug }
    $m2m = Invoke-Traced { New-QlikOAuthClient -Name 'Admin automation' -Scope user_default, admin_classic -Trusted -Verbose -Debug }
    $app = Invoke-Traced { $key | New-QlikOAuthClient -Name 'Embedded analytics' -Impersonation -AuthenticationMethod PrivateKeyJwt -Verbose -Debug }
    Invoke-Traced { $app | Set-QlikOAuthConsent -Verbose -Debug }
    $generated = Invoke-Traced { Set-QlikOAuthClient -ClientId $app.ClientId -AuthenticationMethod ClientSecret, PrivateKeyJwt -Verbose -Debug }
    $added = Invoke-Traced { $m2m | New-QlikOAuthClientSecret -Force -Verbose -Debug }
    $m2mToken = Invoke-Traced { $m2m | Get-QlikAccessToken -Verbose -Debug }
    $userToken = Invoke-Traced { $app | Get-QlikImpersonationToken -Email alice@example.com -Verbose -Debug }
    Invoke-Traced { Connect-QlikTenant -TenantUrl $TenantUrl -Credential $m2m.Credential -NoDefault -Verbose -Debug } | Out-Null
    Invoke-Traced { Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $userToken -Verbose -Debug } | Out-Null
    Invoke-Traced { $userToken, $m2mToken | Revoke-QlikAccessToken -Verbose -Debug }
    Invoke-Traced { $added | Remove-QlikOAuthClientSecret -Force -Verbose -Debug }
    Invoke-Traced { Remove-QlikOAuthClient -ClientId $m2m.ClientId -Force -Verbose -Debug }

    $script:secretTexts = @(ConvertTo-PlainText $m2m.ClientSecret; ConvertTo-PlainText $generated.ClientSecret; $added.Credential.GetNetworkCredential().Password)
    $script:tokenTexts = @($m2mToken, $userToken | ForEach-Object { ConvertTo-PlainText $_.AccessToken })
    $script:pemLines = Get-PrivateKeyLines $key.PrivateKeyPath
    $script:text = $trace -join "`n"
}

AfterAll {
    Remove-Item $work -Recurse -Force
}

Describe 'Verbose and Debug output' {
    It 'tells which requests were sent' {
        foreach ($line in 'POST /api/v1/oauth-clients', 'PATCH /api/v1/oauth-clients/', 'POST /oauth/token', 'POST /oauth/revoke', 'DELETE /api/v1/oauth-clients/') {
            $text | Should -Match ([regex]::Escape($line))
        }
    }

    It 'holds no client secret' {
        $secretTexts.Count | Should -Be 3
        foreach ($secret in $secretTexts) { $secret | Should -Not -BeNullOrEmpty; $text | Should -Not -Match ([regex]::Escape($secret)) }
    }

    It 'holds no access token' {
        foreach ($token in $tokenTexts) { $token.Length | Should -BeGreaterThan 20; $text | Should -Not -Match ([regex]::Escape($token)) }
    }

    It 'holds no API key and no private key' {
        $text | Should -Not -Match ([regex]::Escape($ApiKeyText))
        $text | Should -Not -Match '-----BEGIN'
        foreach ($line in $pemLines) { $text | Should -Not -Match ([regex]::Escape($line)) }
    }
}
