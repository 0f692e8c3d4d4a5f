# The cold runbook of the comparison, written with the module: import it, get an M2M token, read users/me with it.
# Compare.ps1 runs it in a fresh pwsh against Runbook.RestMethod.ps1, the same job written with Invoke-RestMethod;
# the tenant and client come from the environment, as in an automation account.
$ErrorActionPreference = 'Stop'
Import-Module $env:QLIKOAUTH_MODULE
$credential = [pscredential]::new($env:QLIK_CLIENT_ID, (ConvertTo-SecureString $env:QLIK_CLIENT_SECRET -AsPlainText -Force))
$me = Get-QlikAccessToken -TenantUrl $env:QLIK_TENANT_URL -Credential $credential | Invoke-QlikRestMethod /api/v1/users/me
$me.id
