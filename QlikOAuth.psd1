@{
    # The manifest source. The build copies it into the module layout with ModuleVersion stamped from
    # Directory.Build.props, so the version is written in one place only.
    RootModule             = 'QlikOAuth.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '3f6a1c52-8e0b-4f7e-9a5d-2c4b7e1d9f30'
    Author                 = 'QlikOAuth contributors'
    CompanyName            = 'QlikOAuth'
    Copyright              = '(c) QlikOAuth contributors. All rights reserved.'
    Description            = 'Create and manage Qlik Cloud OAuth2 clients (machine-to-machine and M2M impersonation), set their consent to Trusted, and mint access and impersonation tokens.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    # netstandard2.0 needs .NET Framework 4.7.2 on Windows PowerShell 5.1.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('QlikOAuth.Session.format.ps1xml', 'QlikOAuth.Clients.format.ps1xml', 'QlikOAuth.Tokens.format.ps1xml', 'QlikOAuth.Embedding.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-QlikTenant'
        'Disconnect-QlikTenant'
        'Get-QlikSession'
        'New-QlikOAuthClient'
        'Get-QlikOAuthClient'
        'Set-QlikOAuthClient'
        'Remove-QlikOAuthClient'
        'Publish-QlikOAuthClient'
        'Set-QlikOAuthConsent'
        'New-QlikOAuthClientSecret'
        'Remove-QlikOAuthClientSecret'
        'Get-QlikOAuthClientSecret'
        'Update-QlikOAuthClientSecret'
        'Add-QlikOAuthClientKey'
        'Remove-QlikOAuthClientKey'
        'Update-QlikOAuthClientKey'
        'New-QlikOAuthKey'
        'Get-QlikAccessToken'
        'Get-QlikImpersonationToken'
        'Test-QlikOAuthClient'
        'Revoke-QlikAccessToken'
        'Invoke-QlikRestMethod'
        'Get-QlikCspOrigin'
        'New-QlikCspOrigin'
        'Set-QlikCspOrigin'
        'Remove-QlikCspOrigin'
        'Get-QlikOAuthToken'
        'Revoke-QlikOAuthToken'
        'Export-QlikOAuthClient'
        'Import-QlikOAuthClient'
        'Sync-QlikOAuthClient'
        'Get-QlikUser'
        'New-QlikUser'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('Qlik', 'QlikCloud', 'OAuth', 'OAuth2', 'M2M', 'Impersonation', 'JWT', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
        }
    }
}
