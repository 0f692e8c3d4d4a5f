BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:keyDirectory = New-TestDirectory 'keys'
}

AfterAll {
    Remove-Item -Recurse -Force $keyDirectory -ErrorAction SilentlyContinue
}

Describe 'Key files on this PowerShell' {
    It 'writes an encrypted key with the runtime''s System.Formats.Asn1, not the copy shipped for Windows PowerShell' {
        # The load context leaves assemblies the runtime ships to the runtime; the engine's reference is pinned to
        # 8.0 so that PowerShell 7.4 (.NET 8) satisfies it as well as 7.6 does.
        $password = ConvertTo-SecureString 'asn1-check-password' -AsPlainText -Force
        $key = New-QlikOAuthKey -Algorithm ES384 -Path (Join-Path $keyDirectory 'asn1.pem') -Password $password -Force

        $asn1 = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Formats.Asn1' })
        $asn1.Count | Should -Be 1
        $asn1[0].Location | Should -Not -BeLike '*dependencies*'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($asn1[0]).Name | Should -Be 'Default'
        $key.Encrypted | Should -BeTrue
    }
}

Describe 'A certificate as the signing key' {
    BeforeAll {
        Connect-TestTenant | Out-Null
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP384)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=Pester', $ecdsa, [System.Security.Cryptography.HashAlgorithmName]::SHA384)
        $script:certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddMinutes(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $script:pfxPassword = ConvertTo-SecureString 'pester pfx password' -AsPlainText -Force
        $script:pfxPath = Join-Path $keyDirectory 'signing.pfx'
        [IO.File]::WriteAllBytes($pfxPath, $certificate.Export('Pfx', 'pester pfx password'))
    }

    It 'registers the PFX''s public key and signs token requests with it' {
        $client = New-QlikOAuthClient -Name 'Pester certificate' -CertificatePath $pfxPath -CertificatePassword $pfxPassword -AuthenticationMethod PrivateKeyJwt -Trusted

        $token = Get-QlikAccessToken -ClientId $client.ClientId -CertificatePath $pfxPath -CertificatePassword $pfxPassword
        $again = $client | Get-QlikAccessToken -Certificate $certificate -NoCache

        $client.PublicKeyIds | Should -Be @($client.KeyId)
        $token.ClientId, $again.ClientId | Should -Be @($client.ClientId, $client.ClientId)
        # The request log comes as one JSON array: ForEach-Object unrolls it into requests.
        @(Get-TenantRequests | ForEach-Object { $_ } | Where-Object { $_.path -eq '/oauth/token' -and $_.status -eq 200 }).Count | Should -Be 2
    }

    It 'refuses a certificate without its private key with its own error id' {
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($certificate.RawData)

        { Get-QlikAccessToken -ClientId 'any-client' -Certificate $publicOnly -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateWithoutPrivateKey,QlikOAuth.Commands.GetQlikAccessTokenCommand'
    }
}
