# Behind a proxy that wants a sign-in, on the runtime this pwsh runs on (.NET 8 under 7.4, .NET 10 under 7.6):
# each runtime reports a 407 to CONNECT (https, as every Qlik Cloud call) in its own way. The forwarding and the
# successful sign-in are tested in the engine and runspace tests; here the proxy refuses everything.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1

    # Answers every connection with 407, on a free loopback port, from a background runspace.
    $script:listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $script:ProxyUrl = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"
    $script:refuser = [powershell]::Create().AddScript({
        param($listener)
        $answer = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 407 Proxy Authentication Required`r`nProxy-Authenticate: Basic realm=`"pester`"`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
        while ($true) {
            $client = $listener.AcceptTcpClient()
            $stream = $client.GetStream()
            $null = $stream.Read([byte[]]::new(8192), 0, 8192)
            $stream.Write($answer, 0, $answer.Length)
            $client.Close()
        }
    }).AddArgument($listener)
    $null = $refuser.BeginInvoke()

    # The emulated tenant's port under https: the proxy refuses the tunnel before any TLS.
    $script:HttpsTenant = "https://127.0.0.1:$(([uri]$TenantUrl).Port)"
    $script:WrongProxyCredential = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'wrong-proxy-pass-5d0e' -AsPlainText -Force))
}

AfterAll {
    $listener.Stop()
    $refuser.Dispose()
}

Describe 'A proxy that asks for a sign-in (HTTP 407)' {
    It 'Connect-QlikTenant says to give -ProxyCredential or -ProxyUseDefaultCredentials' {
        $failure = { Connect-QlikTenant -TenantUrl $HttpsTenant -ApiKey $ApiKey -Proxy $ProxyUrl -NoDefault -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'QlikApi.ProxyAuthenticationRequired,*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -BeLike "*The proxy $ProxyUrl*-ProxyCredential*-ProxyUseDefaultCredentials*"
    }

    It 'names a refused -ProxyCredential as the cause, without showing it' {
        $failure = { Connect-QlikTenant -TenantUrl $HttpsTenant -ApiKey $ApiKey -Proxy $ProxyUrl -ProxyCredential $WrongProxyCredential -NoDefault -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'QlikApi.ProxyAuthenticationRequired,*'
        $failure.Exception.Message | Should -BeLike '*refused the credentials given (-ProxyCredential)*'
        ($failure | Out-String) + $failure.Exception.ToString() | Should -Not -Match 'wrong-proxy-pass-5d0e'
    }

    It 'Get-QlikAccessToken -TenantUrl stops with the same error' {
        $client = [pscredential]::new('some-client', (ConvertTo-SecureString 'some-secret' -AsPlainText -Force))
        $failure = { Get-QlikAccessToken -TenantUrl $HttpsTenant -Credential $client -Proxy $ProxyUrl -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'QlikApi.ProxyAuthenticationRequired,*'
    }
}
