<#
.SYNOPSIS
    Both Qlik tutorials end to end, against the emulated tenant that build.ps1 -Task Demo started:
    "Create a new OAuth2 M2M client" and "Create a M2M impersonation OAuth2 client".
#>
$ErrorActionPreference = 'Stop'
Import-Module $env:QLIKOAUTH_MODULE
$work = New-Item -ItemType Directory -Force -Path (Join-Path ([IO.Path]::GetTempPath()) "qlikoauth-demo-$PID")

function Show([string] $Step, $Value) {
    Write-Host "`n== $Step" -ForegroundColor Cyan
    $Value | Format-List | Out-Host
}

try {
    $apiKey = ConvertTo-SecureString $env:QLIKOAUTH_EMULATOR_API_KEY -AsPlainText -Force
    Show 'Connect-QlikTenant (API key of a TenantAdmin)' (Connect-QlikTenant -TenantUrl $env:QLIKOAUTH_TENANT_URL -ApiKey $apiKey)

    # Tutorial 1: a machine-to-machine client with a client secret, consent Trusted, proven by users/me.
    $m2m = New-QlikOAuthClient -Name 'Demo M2M client' -Scope user_default, admin_classic
    Show 'New-QlikOAuthClient (M2M; the secret stays a SecureString)' $m2m
    Show 'Set-QlikOAuthConsent -Method Trusted' ($m2m | Set-QlikOAuthConsent -PassThru)
    Show 'Test-QlikOAuthClient: a token, then GET /api/v1/users/me' (Test-QlikOAuthClient -Credential $m2m.Credential)

    # Tutorial 2: an M2M impersonation client for https://custom-app.com, with a secret, consent Trusted.
    $app = New-QlikOAuthClient -Name 'Demo impersonation client' -Impersonation -AllowedOrigin https://custom-app.com |
        Set-QlikOAuthConsent -PassThru
    Show 'New-QlikOAuthClient -Impersonation | Set-QlikOAuthConsent -PassThru' $app
    $token = $app | Get-QlikImpersonationToken -Email alice@example.com
    Show 'Get-QlikImpersonationToken -Email alice@example.com' $token
    Show 'GET /api/v1/users/me with the impersonation token' (Invoke-QlikRestMethod -Path /api/v1/users/me -AccessToken $token.AccessToken)

    # The same client, authenticated by private key JWT instead of its secret.
    $key = New-QlikOAuthKey -Path (Join-Path $work 'demo-key.pem')
    Show 'Set-QlikOAuthClient -PublicKey (private key JWT and client secret)' (Set-QlikOAuthClient -ClientId $app.ClientId -PublicKey $key.PublicKey -AuthenticationMethod ClientSecret, PrivateKeyJwt -PassThru |
        Select-Object Name, ClientId, AuthenticationMethods, PublicKeyIds, ConsentMethod)
    $jwtToken = Get-QlikImpersonationToken -ClientId $app.ClientId -PrivateKeyPath $key.PrivateKeyPath -KeyId $key.KeyId -Subject 'auth0|bob'
    Show 'Get-QlikImpersonationToken by private key JWT (Subject auth0|bob)' $jwtToken
    Write-Host "`nDemo complete: both tutorials ran end to end." -ForegroundColor Green
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
