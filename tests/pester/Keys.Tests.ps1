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
