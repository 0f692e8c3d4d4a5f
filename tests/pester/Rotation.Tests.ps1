# Rotating secrets and keys as a user runs it in a fresh pwsh: one step each, the new credential handed on down the
# pipeline before the old one goes, and the objects rendered without a secret.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:keyDirectory = New-TestDirectory 'rotation'
}

AfterAll {
    Remove-Item -Recurse -Force $keyDirectory -ErrorAction SilentlyContinue
}

Describe 'Rotating a client secret' {
    BeforeEach {
        Connect-TestTenant | Out-Null
        $script:client = New-QlikOAuthClient -Name 'Pester rotation' -Trusted
    }

    It 'replaces the secret in use, and the pipeline holds the new one before the old one goes' {
        $stored = @{}
        $rotated = Update-QlikOAuthClientSecret -Credential $client.Credential -Confirm:$false |
            ForEach-Object {
                # What a runbook does here (Set-Secret to a vault): the old secret still works at this point.
                $stored.Credential = $_.Credential
                $stored.OldStillWorked = [bool](Get-QlikAccessToken -Credential $client.Credential -NoCache)
                $_
            }

        $stored.OldStillWorked | Should -BeTrue
        $rotated.Credential.UserName | Should -Be $client.ClientId
        (Get-QlikAccessToken -Credential $stored.Credential -NoCache).ClientId | Should -Be $client.ClientId
        { Get-QlikAccessToken -Credential $client.Credential -NoCache -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenRefused.InvalidClientCredentials,QlikOAuth.Commands.GetQlikAccessTokenCommand'
        @(Get-QlikOAuthClientSecret -ClientId $client.ClientId).Hint | Should -Be @($rotated.Hint)
    }

    It 'lists secrets without their values and shows no secret when rendered' {
        $rotated = $client | Update-QlikOAuthClientSecret -KeepOld -Force
        $listed = $client | Get-QlikOAuthClientSecret

        $listed.Count | Should -Be 2
        $listed.Hint | Should -Contain $rotated.Hint
        ($listed | Out-String -Width 250) | Should -Match "Hint\s+CreatedAt\s+CreatedBy"
        $text = Get-RenderedText (@($rotated) + $listed)
        $text | Should -Not -Match ([regex]::Escape((ConvertTo-PlainText $rotated.ClientSecret)))
        $text | Should -Not -Match ([regex]::Escape((ConvertTo-PlainText $client.ClientSecret)))
    }

    It 'refuses at five secrets and names the oldest with the command that removes it' {
        1..4 | ForEach-Object { $client | New-QlikOAuthClientSecret -Force } | Out-Null
        $oldest = $client.SecretHints[0]   # the secret the client was created with

        $failure = { $client | Update-QlikOAuthClientSecret -KeepOld -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClientSecretLimitReached,QlikOAuth.Commands.UpdateQlikOAuthClientSecretCommand' -PassThru

        $failure.Exception.Message | Should -BeLike "*Remove-QlikOAuthClientSecret -ClientId $($client.ClientId) -Hint $oldest*"
    }
}

Describe 'Rotating a key' {
    BeforeAll {
        Connect-TestTenant | Out-Null
        $script:app = New-QlikOAuthKey -Path (Join-Path $keyDirectory 'old.pem') -KeyId old -Force |
            New-QlikOAuthClient -Name 'Pester key rotation' -Impersonation -AuthenticationMethod PrivateKeyJwt -Trusted
    }

    It 'swaps the key and the new key signs impersonation tokens' {
        $token = New-QlikOAuthKey -Path (Join-Path $keyDirectory 'new.pem') -KeyId new -Force |
            Update-QlikOAuthClientKey -ClientId $app.ClientId -Force |
            Get-QlikImpersonationToken -Subject 'auth0|alice' -NoCache

        $token.ClientId | Should -Be $app.ClientId
        (Get-QlikOAuthClient -ClientId $app.ClientId).PublicKeys.KeyId | Should -Be @('new')
        { $app | Get-QlikImpersonationToken -Subject 'auth0|alice' -NoCache -ErrorAction Stop } |
            Should -Throw -ErrorId 'TokenRefused.InvalidClientCredentials,QlikOAuth.Commands.GetQlikImpersonationTokenCommand'
    }

    It 'adds and removes one key at a time, keeping the last one' {
        $null = New-QlikOAuthKey -Path (Join-Path $keyDirectory 'extra.pem') -KeyId extra -Force | Add-QlikOAuthClientKey -ClientId $app.ClientId
        (Get-QlikOAuthClient -ClientId $app.ClientId).PublicKeys | Where-Object KeyId -eq new | Remove-QlikOAuthClientKey -Force

        (Get-QlikOAuthClient -ClientId $app.ClientId).PublicKeyIds | Should -Be @('extra')
        { Remove-QlikOAuthClientKey -ClientId $app.ClientId -KeyId extra -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'PublicKeyRequired,QlikOAuth.Commands.RemoveQlikOAuthClientKeyCommand'
    }
}
