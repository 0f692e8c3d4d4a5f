# The cold runbook of the comparison, written by hand with Invoke-RestMethod: an M2M token, then users/me with it.
# The same job as Runbook.QlikOAuth.ps1, with the same environment.
$ErrorActionPreference = 'Stop'
$body = @{ grant_type = 'client_credentials'; client_id = $env:QLIK_CLIENT_ID; client_secret = $env:QLIK_CLIENT_SECRET } | ConvertTo-Json -Compress
$token = Invoke-RestMethod -Method Post -Uri "$env:QLIK_TENANT_URL/oauth/token" -Body $body -ContentType 'application/json'
$me = Invoke-RestMethod -Uri "$env:QLIK_TENANT_URL/api/v1/users/me" -Headers @{ Authorization = "Bearer $($token.access_token)" }
$me.id
