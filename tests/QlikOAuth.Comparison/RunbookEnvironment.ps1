# The environment both cold runbooks read (Runbook.QlikOAuth.ps1, Runbook.RestMethod.ps1), as an automation account
# gives it: the module, the tenant and an M2M client. Sets it around $Script, for the fresh pwsh processes it starts.
function Invoke-WithRunbookEnvironment([string] $ModulePath, $Tenant, $Client, [scriptblock] $Script) {
    $env:QLIKOAUTH_MODULE = $ModulePath; $env:QLIK_TENANT_URL = $Tenant.Url
    $env:QLIK_CLIENT_ID = $Client.ClientId; $env:QLIK_CLIENT_SECRET = $Client.Secret
    try {
        & $Script
    }
    finally {
        Remove-Item Env:QLIKOAUTH_MODULE, Env:QLIK_TENANT_URL, Env:QLIK_CLIENT_ID, Env:QLIK_CLIENT_SECRET -ErrorAction SilentlyContinue
    }
}
